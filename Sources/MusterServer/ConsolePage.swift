import MusterBot

/// The web console: one page that sends questions to `/api/ask` and shows the HTML replies, each page load its
/// own conversation so follow-ups work. Replies are escaped by `HTMLRenderer` before they reach the page.
enum ConsolePage {
    /// The page for one session: its CSRF token in a `<meta>` tag the script sends back with every question, and who
    /// is signed in (with a sign-out button), or nothing for the open local console.
    static func html(csrfToken: String, signedIn speaker: Speaker?) -> String {
        let escape = HTMLRenderer().escape
        let who = speaker.map { speaker in
            """
            <p class="who">Signed in as <b>\(escape(speaker.name))</b> (\(escape(speaker.role.rawValue))) · \
            <button id="signout" type="button">Sign out</button></p>
            """
        } ?? "<p class=\"who\">Open on this machine only: no accounts yet (<code>muster users add NAME --role admin</code> adds one).</p>"
        return template
            .replacingOccurrences(of: "{{csrf}}", with: escape(csrfToken))
            .replacingOccurrences(of: "{{who}}", with: who)
    }

    private static let template = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Muster</title>
        <meta name="csrf-token" content="{{csrf}}">
        <style>
          body { font: 15px/1.45 system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; }
          header { background: #1d3557; color: #fff; padding: 12px 24px; }
          header h1 { margin: 0; font-size: 20px; } header p { margin: 4px 0 0; opacity: .85; }
          main { max-width: 900px; margin: 0 auto; padding: 16px 24px 110px; }
          .you { text-align: right; margin: 18px 0 6px; } .you span { background: #1d3557; color: #fff; padding: 6px 12px; border-radius: 14px; display: inline-block; }
          .reply { background: #fff; border-radius: 10px; padding: 12px 18px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
          .reply h2 { font-size: 17px; margin: 4px 0 8px; } .reply h3 { font-size: 15px; margin: 14px 0 4px; }
          .facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; } .facts dt { font-weight: 600; } .facts dd { margin: 0; }
          .reply ul { margin: 2px 0; padding-left: 20px; } .post { margin: 6px 0; } .sparkline { font-size: 18px; letter-spacing: 1px; }
          .draft { background: #eef6ee; border-left: 4px solid #2a9d8f; margin: 6px 0; padding: 6px 12px; } .footer { color: #666; font-size: 13px; }
          .suggestion { margin: 2px 4px 2px 0; border: 1px solid #1d3557; background: #fff; color: #1d3557; border-radius: 12px; padding: 3px 10px; cursor: pointer; }
          .error { color: #a4161a; }
          .who { font-size: 13px; } .who button { font: inherit; background: none; border: 1px solid #fff; color: #fff; border-radius: 10px; padding: 1px 9px; cursor: pointer; }
          form { position: fixed; bottom: 0; left: 0; right: 0; background: #fff; padding: 14px 24px; box-shadow: 0 -1px 4px rgba(0,0,0,.1); display: flex; gap: 8px; justify-content: center; }
          input { flex: 1; max-width: 760px; font: inherit; padding: 9px 12px; border: 1px solid #bbb; border-radius: 8px; }
          form button { font: inherit; padding: 9px 18px; border: 0; border-radius: 8px; background: #1d3557; color: #fff; cursor: pointer; }
        </style>
        </head>
        <body>
        <header><h1>Muster</h1><p>Ask what people are saying. Try “what are people saying about bins in Ward 4?”, “any rumours about the fire?” or “help”.</p>{{who}}</header>
        <main id="log" aria-live="polite"></main>
        <form id="ask"><input id="message" autocomplete="off" maxlength="500" placeholder="Ask Muster…" aria-label="Your question" required autofocus><button>Ask</button></form>
        <script>
        const conversation = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
        const log = document.getElementById('log');
        // Every request that changes anything carries this session's token; another site's page cannot read it.
        const csrf = document.querySelector('meta[name="csrf-token"]').content;
        const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf };
        async function ask(text) {
          const you = document.createElement('p'); you.className = 'you';
          const bubble = document.createElement('span'); bubble.textContent = text; you.appendChild(bubble); log.appendChild(you);
          const answer = document.createElement('div');
          try {
            const response = await fetch('/api/ask', { method: 'POST', headers, body: JSON.stringify({ message: text, conversation }) });
            if (response.status === 401) { location.href = '/login'; return; }
            const data = await response.json();
            if (data.html) { answer.innerHTML = data.html; } else { answer.className = 'reply error'; answer.textContent = data.error || 'Something went wrong.'; }
          } catch (error) { answer.className = 'reply error'; answer.textContent = 'Muster is not answering: is `muster serve` still running?'; }
          log.appendChild(answer);
          answer.querySelectorAll('button.suggestion').forEach(button => button.addEventListener('click', () => ask(button.textContent)));
          answer.scrollIntoView({ block: 'start' });
        }
        document.getElementById('ask').addEventListener('submit', event => {
          event.preventDefault();
          const input = document.getElementById('message'); const text = input.value.trim();
          if (text) { input.value = ''; ask(text); }
        });
        const signout = document.getElementById('signout');
        if (signout) signout.addEventListener('click', async () => {
          await fetch('/logout', { method: 'POST', headers: { 'X-CSRF-Token': csrf } });
          location.href = '/login';
        });
        // ?q= types a first question and presses Ask, as a person would: links and browser tests use it.
        const first = new URLSearchParams(location.search).get('q');
        if (first) { document.getElementById('message').value = first; document.getElementById('ask').requestSubmit(); }
        </script>
        </body>
        </html>
        """
}
