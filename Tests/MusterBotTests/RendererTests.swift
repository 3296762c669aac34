import MusterBot
import Testing

@Suite("Renderers")
struct RendererTests {
    let reply = Reply(
        title: "Bins <b>& more</b>",
        facts: [Reply.Fact("Posts", "3 — up 50%")],
        sections: [Reply.Section("Most engaged", [
            .post(PostReference(number: 1, author: "@jen", text: "<script>alert('x')</script> bins!", time: "Mon 23 Nov 09:00",
                                engagement: "3 likes", url: "https://x.example/jen/status/1?a=1&b=\"2\"")),
            .draft(Draft(long: "Hi @jen, sorry. [confirm: day] — Northbridge City Council", short: "Hi @jen. — NCC", tone: "Warm")),
        ])],
        footer: "Posts up to 09:41 today."
    )

    @Test("HTML escapes everything the public wrote, in text and in links")
    func htmlEscapes() {
        let html = HTMLRenderer().render(reply)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; bins!"))
        #expect(html.contains("<h2>Bins &lt;b&gt;&amp; more&lt;/b&gt;</h2>"))
        #expect(html.contains("href=\"https://x.example/jen/status/1?a=1&amp;b=&quot;2&quot;\""))
        #expect(html.contains("<dt>Posts</dt><dd>3 — up 50%</dd>"))
    }

    @Test("plain text shows a draft with its short version's length and the gaps to fill")
    func textDraft() {
        let text = TextRenderer().render(reply)
        #expect(text.contains("  Short (14 of 280 characters): Hi @jen. — NCC"))
        #expect(text.contains("  Fill in before posting: day"))
    }
}
