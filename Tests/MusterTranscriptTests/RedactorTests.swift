@testable import MusterTranscripts
import Testing

@Suite("Redaction of personal data in transcripts")
struct RedactorTests {
    @Test("people's handles become stand-ins, the same each time; public accounts stay")
    func handles() {
        var redactor = Redactor(publicHandles: ["NorthbridgeCC"])
        #expect(redactor.redact("@jen_r said to @NorthbridgeCC: bins!") == "@person1 said to @NorthbridgeCC: bins!")
        #expect(redactor.redact("https://x.example/jen_r/status/1000123 @dave.k") == "https://x.example/person1/status/1000123 @person2")
    }

    @Test("emails and phone numbers are masked; ids inside links and ordinary numbers are not")
    func contacts() {
        var redactor = Redactor(publicHandles: [])
        #expect(redactor.redact("mail jen.r@example.org or ring 07700 900123") == "mail [email] or ring [phone]")
        #expect(redactor.redact("call +44 113 496 0000 now") == "call [phone] now")
        #expect(redactor.redact("Posts 1,204 — https://x.example/p/12345678901") == "Posts 1,204 — https://x.example/p/12345678901")
    }
}
