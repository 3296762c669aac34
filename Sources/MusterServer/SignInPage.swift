import MusterBot

/// The console's sign-in form. It posts to `/login` as an ordinary form, so it works with scripts off too; with
/// single sign-on configured, a button above it goes to the identity provider.
enum SignInPage {
    /// The page, with `problem` shown above the form and `name` filled in after a refusal; `singleSignOn` is what
    /// the single sign-on button calls the provider, when there is one.
    static func html(problem: String? = nil, name: String = "", singleSignOn: String? = nil) -> String {
        let escape = HTMLRenderer().escape
        let notice = problem.map { "<p class=\"error\" role=\"alert\">\(escape($0))</p>" } ?? ""
        let button = singleSignOn.map {
            "<p><a class=\"sso\" id=\"sso\" href=\"/login/sso\">Sign in with \(escape($0))</a></p><p class=\"hint\">or with a Muster password:</p>"
        } ?? ""
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · Muster</title>
            <style>
              body { font: 15px/1.45 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
              header { background: #1d3557; color: #fff; padding: 12px 24px; } header h1 { margin: 0; font-size: 20px; }
              main { max-width: 360px; margin: 48px auto; background: #fff; border-radius: 10px; padding: 20px 24px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
              label { display: block; margin: 12px 0 4px; font-weight: 600; }
              input { width: 100%; box-sizing: border-box; font: inherit; padding: 9px 12px; border: 1px solid #bbb; border-radius: 8px; }
              button { margin-top: 16px; font: inherit; padding: 9px 18px; border: 0; border-radius: 8px; background: #1d3557; color: #fff; cursor: pointer; }
              .error { color: #a4161a; } .hint { color: #666; font-size: 13px; }
              a.sso { display: block; text-align: center; padding: 10px 18px; border-radius: 8px; background: #1d3557; color: #fff; text-decoration: none; }
            </style>
            </head>
            <body>
            <header><h1>Muster</h1></header>
            <main>
            <h2>Sign in</h2>
            \(notice)
            \(button)
            <form method="post" action="/login">
            <label for="name">Name</label><input id="name" name="name" autocomplete="username" required autofocus value="\(escape(name))">
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
            <button id="signin">Sign in</button>
            </form>
            <p class="hint">Accounts are made on the server: <code>muster users add NAME --role officer</code>.</p>
            </main>
            </body>
            </html>
            """
    }
}
