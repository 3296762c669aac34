@testable import MusterIngest
import Testing

@Suite("JSON records")
struct JSONParserTests {
    func parse(_ text: String) -> JSONObject? {
        try? JSONParser.object(in: text).get()
    }

    @Test("values of every kind, nested, with their names in order")
    func kinds() throws {
        let object = try #require(parse(#" {"s": "a", "n": -12.5e+2, "t": true, "f": false, "z": null, "l": [1, "x", {}], "o": {"k": []}} "#))
        #expect(object.members.map(\.name) == ["s", "n", "t", "f", "z", "l", "o"])
        #expect(object["n"]?.double == -1250)
        #expect(object["z"]?.isNull == true)
        guard case .array(let list)? = object["l"], case .object(let inner)? = object["o"] else { Issue.record("wrong kinds"); return }
        #expect(list.count == 3 && inner.members.count == 1)
    }

    @Test("malformed JSON is refused", arguments: [
        #"{"a": 1,}"#, #"{a: 1}"#, #"{"a": 01}"#, #"{"a": -}"#, #"{"a": 1} x"#, #"{"a": "unterminated}"#, #"{"a": tru}"#,
        #"{"a": "\x"}"#, #"{"a": "\u12"}"#, #"{"a" 1}"#, "{\"a\": \"raw\nnewline\"}", #"{"a": [1, 2}"#, "",
    ])
    func refused(text: String) {
        #expect(parse(text) == nil)
    }

    @Test("valid JSON that is not an object is refused as such")
    func notAnObject() {
        guard case .failure(let error) = JSONParser.object(in: #"["a"]"#) else { Issue.record("accepted an array"); return }
        #expect(error.message == "expected a JSON object")
    }
}
