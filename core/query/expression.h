// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/errors.h"

// The coding query language: one grammar for the CLI, the workbench and saved queries.
//
//   code:"Safety/Risk"      text coded with the code or any of its children
//   code=:"Safety/Risk"     the code alone
//   risk "young person" exploit*
//                           a text search, as `quire-cli search` reads it; the passages are
//                           the matched words. Words next to each other form one search.
//   coder:Sam               which coders' codings the codes around it count (see below)
//   doc:"Interview 3"  group:Staff  case:Alex  role:referrer  "service centre":North
//   age>30  age<=40         documents (and cases) as text: a whole document, or the passages
//                           linked to a case that has the value
//
// Set operators act on the text covered (ranges of one document merged):
//   A AND B, A B            text covered by both            A OR B   by either
//   A NOT B, A AND NOT B    in A and not in B               NOT A    every text but A
// Segment operators keep whole segments of A, by how they lie to B's segments:
//   A OVERLAPS B   shares a character     A WITHIN B    lies inside one B segment
//   A ENCLOSES B   holds a whole B        A NEAR/n B    at most n words between (NEAR: 10)
//   A NEAR/n:par B at most n paragraphs apart            A BEFORE/n B  ends at most n words
//   before a B starts (BEFORE: 10)   A SAMETURN B, A SAMEPARA B, A SAMEDOC B
//
// Segment operators bind tighter than AND and NOT, which bind tighter than OR; operators
// of one level group from the left; parentheses group. Operators are upper case: "and",
// "near" in lower case are words.
//
// coder: scopes the code operands of its AND chain and of everything inside it
// ("(code:A coder:Sam) OVERLAPS (code:B coder:Kim)"): the innermost one wins, several in one
// chain are any of them. Alone in its chain, coder:Sam is the text Sam coded with any code.
namespace quire::query {

// A query that cannot be read or run; the message says what and at which character
// (1-based, counted in Unicode code points).
class QueryError : public InvalidInputError {
public:
    using InvalidInputError::InvalidInputError;
};

struct Node {
    enum class Kind {
        Code,       // name: the code's path, name or id; exact: without children
        Text,       // text: the search as typed
        Coder,      // name
        Document,   // name
        Group,      // name
        Case,       // name
        Attribute,  // name, value; compare: ":" (equal, ignoring case), ">", ">=", "<", "<="
        All,        // every text (what a leading NOT takes from)
        And,        // children combined by ops[i] (And or Minus) with what precedes them
        Or,         // children
        Segment,    // children[0] op children[1]
    };
    enum class Op { And, Minus };
    enum class Relation {
        Overlaps,
        Within,
        Encloses,
        Near,
        NearParagraphs,
        Before,
        SameTurn,
        SamePara,
        SameDoc
    };

    Kind kind = Kind::Text;
    std::string name;
    std::string value;
    std::string text;
    std::string compare;
    bool exact = false;
    Relation relation = Relation::Overlaps;
    int distance = 0;
    std::vector<Op> ops;  // And: one per child, ops[0] is always And
    std::vector<Node> children;
    std::size_t position = 0;  // 1-based character where the node starts, for messages
};

// The longest expression and the deepest nesting read; beyond them it is refused.
constexpr std::size_t kMaxExpressionBytes = 100000;
constexpr int kMaxExpressionDepth = 100;
// NEAR and BEFORE without a distance.
constexpr int kDefaultDistance = 10;

// Parses an expression. Throws QueryError when it is malformed, empty, too long or too deep.
Node parse_expression(std::string_view expression);

// The tree in a canonical text form that parses back to the same tree.
std::string to_text(const Node& node);

// "OVERLAPS", "NEAR/3", "NEAR/1:par", ...
std::string relation_text(Node::Relation relation, int distance);

}  // namespace quire::query
