import MusterCore

/// A post the generator is about to write, before it has an id.
struct DemoPost {
    var source: String
    var author: String
    var text: String
    var engagement: Engagement
    var authorName: String?
    var outlet: String?
    var replyTo: Int?
    /// The post's link from its id, when the source's usual pattern does not fit (news articles).
    var link: ((Int) -> String)?
}
