import Foundation
import MusterCore

/// What the terminal can do: whether a person is there, so progress bars and prompts stay out of pipes.
enum Terminal {
    static func isInteractive(_ handle: FileHandle) -> Bool {
        isatty(handle.fileDescriptor) != 0
    }
}

/// A one-line progress bar on standard error, redrawn in place; silent when standard error is not a terminal.
struct ProgressBar {
    let label: String
    let enabled = Terminal.isInteractive(.standardError)
    private static let width = 30

    func update(_ done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        let filled = Self.width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: Self.width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total)".utf8))
        if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

extension Terminal {
    /// Reads one line from the terminal with echo off, after printing `prompt` on standard error.
    static func readSecret(prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { throw MusterError("Could not read the terminal's settings to hide the password.") }
        var hidden = saved
        hidden.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &hidden)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
