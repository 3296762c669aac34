import ArgumentParser
import Foundation
import MusterApp
import MusterCore
import MusterServer

/// `muster users`: the web console's accounts.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Add, list and remove the web console's accounts, and change their passwords.",
        discussion: """
            Once any account exists, `muster serve` asks everyone who opens the console to sign in, and their role
            decides what they may change, as in chat: an officer asks and marks posts handled, a lead also sets
            rumours' status, an admin may do everything. Passwords are kept only as bcrypt hashes. Every change is
            written to the audit log under $USER.

            Examples:
              muster users add priya --role admin
              printf '%s\\n' "$PASSWORD" | muster users add olu --role officer --password-stdin
              muster users list
              muster users passwd olu
              muster users remove olu
            """,
        subcommands: [Add.self, List.self, Remove.self, Passwd.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account; asks for its password (at least 12 characters).",
            discussion: "The password is read without echo from the terminal, or as one line from standard input with --password-stdin."
        )

        @OptionGroup var options: CommonOptions

        @Argument(help: "The sign-in name: letters, digits and . _ - @, at most 64 characters.")
        var name: String

        @Option(help: "What they may do: officer, lead or admin.")
        var role: StaffRole

        @Flag(help: "Read the password as one line from standard input (for scripts and tests).")
        var passwordStdin = false

        func validate() throws {
            try UsersCommand.validate(name: name)
        }

        func run() throws {
            let muster = try options.open()
            guard try muster.accounts.account(named: name) == nil else {
                throw UsersCommand.refuse("There is already an account named \(name): change its password with `muster users passwd \(name)`.")
            }
            let password = try UsersCommand.readPassword(fromStandardInput: passwordStdin, for: name)
            let account = ConsoleAccount(name: name, role: role, passwordHash: ConsolePassword.hash(password), createdAt: Date())
            guard try muster.accounts.add(account) else { throw UsersCommand.refuse("There is already an account named \(name).") }
            try UsersCommand.audit(muster, "users add", "\(name) as \(role.rawValue)")
            print("Added \(name) (\(role.rawValue)). They sign in at the console's /login page.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts: name, role and when each was added.")

        @OptionGroup var options: CommonOptions

        func run() throws {
            let accounts = try options.open().accounts.accounts()
            guard !accounts.isEmpty else {
                print("No console accounts: the console is open on 127.0.0.1 only. Add one with `muster users add NAME --role admin`.")
                return
            }
            let width = accounts.map(\.name.count).max() ?? 0
            for account in accounts {
                let name = account.name.padding(toLength: width, withPad: " ", startingAt: 0)
                let role = account.role.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                print("\(name)  \(role)  added \(account.createdAt.formatted(.iso8601.year().month().day()))\(account.disabled ? "  (disabled)" : "")")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an account and end its sessions at once.")

        @OptionGroup var options: CommonOptions

        @Argument(help: "The account's name.")
        var name: String

        func run() throws {
            let muster = try options.open()
            let sessions = try muster.accounts.endSessions(ofAccount: name)
            guard try muster.accounts.removeAccount(named: name) else {
                throw UsersCommand.refuse("There is no account named \(name): `muster users list` shows them.")
            }
            try UsersCommand.audit(muster, "users remove", "\(name); \(sessions) session(s) ended")
            print("Removed \(name); \(sessions == 1 ? "1 session" : "\(sessions) sessions") ended.")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an account's password; signs it out everywhere.")

        @OptionGroup var options: CommonOptions

        @Argument(help: "The account's name.")
        var name: String

        @Flag(help: "Read the password as one line from standard input (for scripts and tests).")
        var passwordStdin = false

        func run() throws {
            let muster = try options.open()
            guard try muster.accounts.account(named: name) != nil else {
                throw UsersCommand.refuse("There is no account named \(name): `muster users list` shows them.")
            }
            let password = try UsersCommand.readPassword(fromStandardInput: passwordStdin, for: name)
            guard try muster.accounts.setPasswordHash(ConsolePassword.hash(password), forAccount: name) else {
                throw UsersCommand.refuse("There is no account named \(name).")
            }
            try UsersCommand.audit(muster, "users passwd", name)
            print("Changed the password of \(name); their sessions have ended.")
        }
    }

    static func validate(name: String) throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-@"))
        guard !name.isEmpty, name.count <= 64, name.unicodeScalars.allSatisfy(allowed.contains) else {
            throw ValidationError("\"\(name)\" cannot be a console name: use letters, digits and . _ - @, at most 64 characters.")
        }
    }

    /// The new password, checked against the rules: one line of standard input, or typed twice without echo.
    static func readPassword(fromStandardInput: Bool, for name: String) throws -> String {
        let password: String
        if fromStandardInput {
            guard let line = readLine(strippingNewline: true) else { throw refuse("--password-stdin was given but standard input is empty.") }
            password = line
        } else {
            guard Terminal.isInteractive(.standardInput) else {
                throw refuse("There is no terminal to ask for \(name)'s password on: pipe it in with --password-stdin.")
            }
            let first = try Terminal.readSecret(prompt: "Password for \(name): ")
            if let problem = ConsolePassword.problem(with: first) { throw refuse(problem) }
            guard try Terminal.readSecret(prompt: "The same again: ") == first else { throw refuse("The two passwords differ; nothing was changed.") }
            password = first
        }
        if let problem = ConsolePassword.problem(with: password) { throw refuse(problem) }
        return password
    }

    /// Records an account change in the audit log, under the person at the terminal.
    static func audit(_ muster: Muster, _ action: String, _ detail: String) throws {
        let user = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "console"
        do {
            try muster.posts.audit(AuditEntry(at: muster.clock.now, user: user, channel: "cli", action: action, detail: detail))
        } catch {
            throw refuse("The change was made but could not be written to the audit log: \(error)")
        }
    }

    /// Prints `message` as every command's errors read, and exits non-zero.
    static func refuse(_ message: String) -> ExitCode {
        Failure.report(MusterError(message))
    }
}

extension StaffRole: ExpressibleByArgument {}
