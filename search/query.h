// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/errors.h"

// The query language of Quire's search, parsed into a tree before any index is touched.
//
//   risk uncertainty         both words in the same paragraph (AND is implied)
//   risk OR harm             either word;  risk NOT harm, risk -harm: without "harm"
//   "young person"           the words in this order, not stemmed
//   risk NEAR/5 uncertain    at most 5 words between them, either order (NEAR alone: 10)
//   exploit*                 words beginning with "exploit"
//   "work* with"             a phrase whose words may end in "*": working with, worked with
//   (a OR b) c               grouping
//   role:referrer doc:"Interview 3" case:Alex code:Safety coder:Sam
//                            field filters on the project's structure
//   "service centre":Northgate
//                            a field whose name has spaces, in quotes
//
// Operators are upper case; "and", "or", "not" and "near" in lower case are words. Bare
// words are stemmed (risk finds risks, risking); a quoted single word matches that word
// form only. Everything is case- and accent-insensitive (see search/tokenizer.h).
//
// A "*" goes at the end of a word, bare or in quotes ("ex*ploit" and "*" are refused). A
// field with nothing after its ":" ("code:", code:"") is refused, as it would search the
// word; "name:value" with a name that is no field of the project is searched as words
// ("note:urgent", "Interviewer:"), except that a quoted name must be a field.
namespace quire::search {

class Tokenizer;

// A query that cannot be parsed; the message says what and where (1-based character).
class QueryError : public InvalidInputError {
public:
    using InvalidInputError::InvalidInputError;
};

struct QueryNode {
    enum class Kind {
        Word,       // term: stemmed form matches; words[0]
        ExactWord,  // term: this folded form only; words[0]
        Prefix,     // words[0] is the folded prefix
        Phrase,     // words in order, adjacent
        Near,       // two children (Word, ExactWord, Prefix or Phrase) within `distance`
        And,
        Or,
        Not,    // one child; only inside And next to something positive
        Field,  // name and value: a filter on documents, cases, codes, coders, attributes
    };
    Kind kind = Kind::Word;
    std::vector<std::string> words;
    std::vector<bool> prefixes;  // Phrase: which words are prefixes ("work* with"), or empty
    std::string name;            // Field
    std::string value;           // Field
    std::string raw;   // Field: the text as typed, searched as words if the field is unknown
    int distance = 0;  // Near: most words allowed between the two sides
    std::vector<QueryNode> children;
};

// Whether word `i` of a Phrase is a prefix.
inline bool is_prefix(const QueryNode& n, std::size_t i) {
    return i < n.prefixes.size() && n.prefixes[i];
}

// The most parentheses a query may nest, and its longest text: beyond them it is refused.
constexpr int kMaxQueryDepth = 100;
constexpr std::size_t kMaxQueryBytes = 1000000;

// Parses `query`. Field names for which `is_field` returns false are searched as words
// ("note:urgent"); without `is_field` every name is a field. Throws QueryError when the
// query is malformed, nested deeper than kMaxQueryDepth, longer than kMaxQueryBytes, or
// searches for nothing.
QueryNode parse_query(std::string_view query, Tokenizer& tokenizer,
                      const std::function<bool(const std::string&)>& is_field = {});

// The words of `text` as a query leaf: Word/ExactWord for one word, Phrase for several
// ("one-to-one", CJK runs), nothing (kind And with no children) for none.
QueryNode words_node(std::string_view text, bool exact, Tokenizer& tokenizer);

// A readable rendering of a tree, for tests and --explain.
std::string describe(const QueryNode& node);

}  // namespace quire::search
