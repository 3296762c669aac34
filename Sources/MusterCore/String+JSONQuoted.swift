extension String {
    /// Appends this string to `output` as a JSON string literal: quoted, with quotes, backslashes and control
    /// characters escaped (RFC 8259 §7), everything else as it is.
    public func appendJSONQuoted(to output: inout String) {
        output += "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
