import MusterCore

extension PostQuery {
    /// The WHERE clause for this query over `post AS p`, every value bound.
    public func whereClause(in dialect: SQLDialect) -> SQL {
        SQL.joined(conditions(topicsJoined: false, dialect: dialect), separator: " AND ")
    }

    /// For a query on one topic: the FROM and WHERE clauses that read the topic's posts from `post_topic AS t`,
    /// newest first, joining each to `post AS p`. Asked for the newest posts, SQLite otherwise fetched every post on
    /// the topic and sorted them (80 ms for a quarter's bins at a million posts, against 2 ms this way).
    public func newestFirstOnTopic(in dialect: SQLDialect) -> (from: SQL, where: SQL)? {
        guard topics.count == 1 else { return nil }
        let from = SQL(stringLiteral: "post_topic t \(dialect.orderedJoin) post p ON p.id = t.post_id")
        return (from, SQL.joined(conditions(topicsJoined: true, dialect: dialect), separator: " AND "))
    }

    /// For a query on one topic that filters only on what `post_topic` rows carry (window, areas, author kinds,
    /// sentiment, what the posts are): its WHERE clause over `post_topic AS p`, whose columns share the names of
    /// `post`'s. Counts over it need no post row at all.
    public func onTopicAlone(in dialect: SQLDialect) -> SQL? {
        guard topics.count == 1, text == nil, outlet == nil, source == nil, mentioning.isEmpty, !awaitingReply else {
            return nil
        }
        let start = Int(window.start.timeIntervalSince1970)
        let end = Int(window.end.timeIntervalSince1970)
        let range: SQL = "p.topic = \(topics[0]) AND p.created_at >= \(start) AND p.created_at < \(end)"
        return SQL.joined([range] + carriedFilters(on: "p", dialect) + kindFilters(on: "p.kinds"), separator: " AND ")
    }

    /// Conditions on what the posts are, on `column`: one per kind, a bit each, because PostgreSQL keeps statistics
    /// on each bit (`PostgresSchema`) and none on a mask of several.
    private func kindFilters(on column: String) -> [SQL] {
        let bits = { (kinds: PostKinds) in PostKinds.named.map(\.kind).filter { kinds.contains($0) } }
        var conditions = bits(withoutKinds).map { SQL(stringLiteral: "(\(column) & \($0.rawValue)) = 0") }
        let any = bits(kinds).map { "(\(column) & \($0.rawValue)) != 0" }
        if !any.isEmpty { conditions.append(SQL(stringLiteral: any.count == 1 ? any[0] : "(" + any.joined(separator: " OR ") + ")")) }
        return conditions
    }

    /// Conditions on the columns `post_topic` rows carry as well as posts (areas, author kinds, sentiment), on the
    /// rows of `alias`.
    private func carriedFilters(on alias: String, _ dialect: SQLDialect) -> [SQL] {
        let column = { (name: String) in SQL(stringLiteral: "\(alias).\(name)") }
        var conditions: [SQL] = []
        if !areas.isEmpty {
            conditions.append("\(sql: column("area")) IN (\(list: areas))")
        }
        if !authorKinds.isEmpty {
            let kinds: SQL = "\(sql: column("author_kind")) IN (\(list: authorKinds.map(\.rawValue).sorted()))"
            // Most posts are the public's, so the kind index is worth reading only for the others (media, officials).
            // Without statistics SQLite cannot know that, and read a quarter of a million public posts' index entries
            // for "most engaged public posts this quarter".
            conditions.append(authorKinds.contains(.public) ? dialect.offIndex(kinds) : kinds)
        }
        if let sentiment {
            let band = SentimentLabel.neutralBand
            switch sentiment {
            case .negative: conditions.append("\(sql: column("sentiment")) <= \(-band)")
            case .positive: conditions.append("\(sql: column("sentiment")) >= \(band)")
            case .neutral: conditions.append("\(sql: column("sentiment")) > \(-band) AND \(sql: column("sentiment")) < \(band)")
            }
        }
        return conditions
    }

    private func conditions(topicsJoined: Bool, dialect: SQLDialect) -> [SQL] {
        let start = Int(window.start.timeIntervalSince1970)
        let end = Int(window.end.timeIntervalSince1970)
        var conditions: [SQL] = ["p.created_at >= \(start) AND p.created_at < \(end)"]
        // What the posts are is read from the topic's rows when there are any, so that posts of other kinds are
        // passed over before their rows are read.
        if topicsJoined {
            conditions.append("t.topic IN (\(list: topics)) AND t.created_at >= \(start) AND t.created_at < \(end)")
            conditions += kindFilters(on: "t.kinds")
        } else if !topics.isEmpty {
            let onRows = SQL.joined(["topic IN (\(list: topics)) AND created_at >= \(start) AND created_at < \(end)"] + kindFilters(on: "kinds"), separator: " AND ")
            conditions.append("""
                p.id IN (SELECT post_id FROM post_topic
                         WHERE \(sql: onRows))
                """)
        } else {
            conditions += kindFilters(on: "p.kinds")
        }
        if let text, let match = dialect.fullText(allWordsOf: text) {
            conditions.append(match)
        }
        // Joined to a topic's rows, these are read from the rows, so that other areas' posts are never fetched.
        conditions += carriedFilters(on: topicsJoined ? "t" : "p", dialect)
        if let outlet {
            conditions.append(dialect.equalsIgnoringCase("p.outlet", outlet))
        }
        if let source { conditions.append("p.source = \(source)") }
        if let match = dialect.fullText(anyOf: mentioning) {
            conditions.append(match)
        }
        if awaitingReply {
            conditions.append("""
                p.handled_at IS NULL AND NOT EXISTS (
                    SELECT 1 FROM post r WHERE r.reply_to = p.external_id AND r.source = p.source
                    AND r.author_kind IN ('official', 'staff'))
                """)
        }
        return conditions
    }
}
