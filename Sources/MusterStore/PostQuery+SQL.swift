import MusterCore

extension PostQuery {
    /// The WHERE clause for this query over `post AS p`, every value bound.
    var whereClause: SQL {
        let start = Int(window.start.timeIntervalSince1970)
        let end = Int(window.end.timeIntervalSince1970)
        var conditions: [SQL] = ["p.created_at >= \(start) AND p.created_at < \(end)"]
        if !topics.isEmpty {
            conditions.append("""
                p.id IN (SELECT post_id FROM post_topic
                         WHERE topic IN (\(list: topics)) AND created_at >= \(start) AND created_at < \(end))
                """)
        }
        if let text, let match = FullTextQuery.matching(allWordsOf: text) {
            conditions.append("p.id IN (SELECT rowid FROM post_fts WHERE post_fts MATCH \(match))")
        }
        if !areas.isEmpty {
            conditions.append("p.area IN (\(list: areas))")
        }
        if !authorKinds.isEmpty {
            conditions.append("p.author_kind IN (\(list: authorKinds.map(\.rawValue).sorted()))")
        }
        if let outlet {
            conditions.append("p.outlet = \(outlet) COLLATE NOCASE")
        }
        if let sentiment {
            let band = SentimentLabel.neutralBand
            switch sentiment {
            case .negative: conditions.append("p.sentiment <= \(-band)")
            case .positive: conditions.append("p.sentiment >= \(band)")
            case .neutral: conditions.append("p.sentiment > \(-band) AND p.sentiment < \(band)")
            }
        }
        if claimsOnly { conditions.append("p.is_claim = 1") }
        if questionsOnly { conditions.append("p.is_question = 1") }
        if let match = FullTextQuery.matching(anyOf: mentioning) {
            conditions.append("p.id IN (SELECT rowid FROM post_fts WHERE post_fts MATCH \(match))")
        }
        if awaitingReply {
            conditions.append("""
                p.handled_at IS NULL AND NOT EXISTS (
                    SELECT 1 FROM post r WHERE r.reply_to = p.external_id AND r.source = p.source
                    AND r.author_kind IN ('official', 'staff'))
                """)
        }
        return SQL.joined(conditions, separator: " AND ")
    }
}
