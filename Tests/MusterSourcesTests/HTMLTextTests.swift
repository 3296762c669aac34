@testable import MusterSources
import Testing

/// HTML as feeds and Mastodon write it, read as the words a person sees.
@Suite("HTML to text")
struct HTMLTextTests {
    @Test("tags stripped, words kept apart at block ends, whitespace collapsed", arguments: [
        ("<p>Bins <b>missed</b>.</p><p>Again.</p>", "Bins missed. Again."),
        ("Line one<br>line two<br/>line three", "Line one line two line three"),
        ("<ul><li>one</li><li>two</li></ul>", "one two"),
        ("  lots \n\n of \t space  ", "lots of space"),
        ("x < y and a<b", "x < y and a"),
    ])
    func tags(_ html: String, _ text: String) {
        #expect(HTMLText.plainText(html) == text)
    }

    @Test("scripts, styles and comments are not text")
    func hidden() {
        #expect(HTMLText.plainText("<script>var a = '<p>';</script>Hello<!-- <b>hidden</b> --> <style>p{}</style>world<SCRIPT>x</SCRIPT>") == "Hello world")
        #expect(HTMLText.plainText("before<script>never closed") == "before")
    }

    @Test("named, decimal and hex references decoded; Windows-1252 numbers as browsers read them; unknown ones kept", arguments: [
        ("Fish &amp; chips", "Fish & chips"),
        ("caf&eacute; &pound;5 &hellip;", "café £5 …"),
        ("council&#8217;s &#x201C;plan&#x201d;", "council’s “plan”"),
        ("&#147;quoted&#148; &#128;10", "“quoted” €10"),
        ("a&nbsp;b", "a b"),
        ("&bogus; & &amp", "&bogus; & &amp"),
        ("nul&#0;here &#1;", "nul\u{FFFD}here"),
    ])
    func references(_ html: String, _ text: String) {
        #expect(HTMLText.plainText(html) == text)
    }

    @Test("the limit stops the work early")
    func limit() {
        let text = HTMLText.plainText(String(repeating: "<p>word</p>", count: 10_000), limit: 20)
        #expect(text.count <= 20)
    }
}
