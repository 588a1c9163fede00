// SPDX-License-Identifier: GPL-3.0-or-later
#include "search/query.h"

#include <cctype>
#include <cstdint>
#include <tuple>

#include "core/text/unicode.h"
#include "search/tokenizer.h"

namespace quire::search {
namespace {

struct Token {
    enum class Kind { Open, Close, Quoted, Word, And, Or, Not, Near, Field, End };
    Kind kind = Kind::End;
    std::string text;   // Quoted, Word: the text; Field: the value
    std::string name;   // Field
    std::string raw;    // Field: as typed
    int distance = 10;  // Near
    bool negated = false;
    bool quoted_name = false;  // Field: "service centre":Northgate
    std::size_t at = 0;        // 1-based character position, for messages
};

std::size_t character_at(std::string_view s, std::size_t byte) {
    return 1 + static_cast<std::size_t>(text::code_point_count(s.substr(0, byte)));
}

[[noreturn]] void fail(std::string_view query, std::size_t byte, const std::string& what) {
    throw QueryError("malformed query: " + what + " at character " +
                     std::to_string(character_at(query, byte)));
}

bool starts_with(std::string_view s, std::size_t i, std::string_view what) {
    return s.substr(i, what.size()) == what;
}

// Straight and curly double quotes both delimit phrases.
std::size_t quote_length(std::string_view s, std::size_t i) {
    if (i < s.size() && s[i] == '"') {
        return 1;
    }
    if (starts_with(s, i, "\u201C") || starts_with(s, i, "\u201D") || starts_with(s, i, "\u201E")) {
        return 3;
    }
    return 0;
}

// The text between the quote opening at `at` and its closing quote, and the position just
// past the closing quote. Throws QueryError when the quote is never closed.
std::pair<std::string, std::size_t> quoted_at(std::string_view q, std::size_t at) {
    const std::size_t open = quote_length(q, at);
    std::size_t j = at + open;
    std::size_t close = 0;
    while (j < q.size() && (close = quote_length(q, j)) == 0) {
        ++j;
    }
    if (j >= q.size()) {
        fail(q, at, "unclosed quote");
    }
    return {std::string(q.substr(at + open, j - at - open)), j + close};
}

bool is_space(std::string_view s, std::size_t i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_field_name(std::string_view name) {
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) {
        return false;
    }
    for (const char c : name) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (!std::isalnum(u) && c != '_' && c != '-' && c != '.') {
            return false;
        }
    }
    return true;
}

// The value of a field from `at` (just past its ":"): the quoted text when a quote opens
// there, else the run up to a space, a parenthesis or a quote. Returns it with the position
// after it; the value is empty when nothing follows the ":".
std::pair<std::string, std::size_t> field_value(std::string_view q, std::size_t at) {
    if (at < q.size() && quote_length(q, at) > 0) {
        return quoted_at(q, at);
    }
    std::size_t j = at;
    while (j < q.size() && !is_space(q, j) && q[j] != '(' && q[j] != ')' &&
           quote_length(q, j) == 0) {
        ++j;
    }
    return {std::string(q.substr(at, j - at)), j};
}

// The fields every project has (the others are its attributes).
bool is_builtin_field(const std::string& name) {
    return name == "doc" || name == "document" || name == "case" || name == "code" ||
           name == "coder";
}

std::vector<Token> lex(std::string_view q) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < q.size()) {
        if (is_space(q, i)) {
            ++i;
            continue;
        }
        Token t;
        t.at = i;
        if (q[i] == '-' && i + 1 < q.size() && !is_space(q, i + 1)) {
            t.negated = true;
            ++i;
        }
        if (q[i] == '(' || q[i] == ')') {
            if (t.negated && q[i] == ')') {
                fail(q, t.at, "\"-\" before \")\"");
            }
            t.kind = q[i] == '(' ? Token::Kind::Open : Token::Kind::Close;
            ++i;
            out.push_back(t);
            continue;
        }
        if (quote_length(q, i) > 0) {
            auto [text, next] = quoted_at(q, i);
            if (next < q.size() && q[next] == ':') {
                // A field whose name has spaces: "service centre":Northgate.
                const std::size_t from = i;
                t.kind = Token::Kind::Field;
                t.quoted_name = true;
                t.name = std::move(text);
                std::tie(t.text, i) = field_value(q, next + 1);
                t.raw = std::string(q.substr(from, i - from));
                out.push_back(t);
                continue;
            }
            t.kind = Token::Kind::Quoted;
            t.text = std::move(text);
            i = next;
            out.push_back(t);
            continue;
        }
        std::size_t j = i;
        while (j < q.size() && !is_space(q, j) && q[j] != '(' && q[j] != ')' &&
               quote_length(q, j) == 0) {
            ++j;
        }
        std::string run(q.substr(i, j - i));
        const std::size_t colon = run.find(':');
        if (!t.negated && (run == "AND" || run == "OR" || run == "NOT")) {
            t.kind = run == "AND"  ? Token::Kind::And
                     : run == "OR" ? Token::Kind::Or
                                   : Token::Kind::Not;
        } else if (!t.negated && (run == "NEAR" || run.rfind("NEAR/", 0) == 0)) {
            t.kind = Token::Kind::Near;
            if (run.size() > 4) {
                const std::string n = run.substr(5);
                if (n.empty() || n.size() > 4 ||
                    n.find_first_not_of("0123456789") != std::string::npos) {
                    fail(q, i, "NEAR/ needs a number of words (NEAR/5)");
                }
                t.distance = std::stoi(n);
            }
        } else if (colon != std::string::npos && colon > 0 && is_field_name(run.substr(0, colon))) {
            // The parser decides whether it is a filter: "Interviewer:" is a word.
            t.kind = Token::Kind::Field;
            t.name = run.substr(0, colon);
            std::tie(t.text, j) = field_value(q, i + colon + 1);
            t.raw = std::string(q.substr(i, j - i));
        } else {
            t.kind = Token::Kind::Word;
            t.text = run;
        }
        i = j;
        out.push_back(t);
    }
    Token end;
    end.at = q.size();
    out.push_back(end);
    return out;
}

class Parser {
public:
    Parser(std::string_view query, std::vector<Token> tokens, Tokenizer& tokenizer,
           const std::function<bool(const std::string&)>& is_field)
        : query_(query), tokens_(std::move(tokens)), tokenizer_(tokenizer), is_field_(is_field) {}

    QueryNode parse() {
        QueryNode root = parse_or();
        if (peek().kind != Token::Kind::End) {
            fail(query_, peek().at,
                 peek().kind == Token::Kind::Close ? "\")\" without \"(\"" : "unexpected text");
        }
        return root;
    }

private:
    int depth_ = 0;  // parentheses open around the token being parsed

    const Token& peek() const { return tokens_[pos_]; }
    const Token& take() { return tokens_[pos_++]; }

    bool starts_operand() const {
        const Token::Kind k = peek().kind;
        return k == Token::Kind::Open || k == Token::Kind::Quoted || k == Token::Kind::Word ||
               k == Token::Kind::Field || k == Token::Kind::Not;
    }

    QueryNode parse_or() {
        QueryNode left = parse_and();
        if (peek().kind != Token::Kind::Or) {
            return left;
        }
        QueryNode node;
        node.kind = QueryNode::Kind::Or;
        node.children.push_back(std::move(left));
        while (peek().kind == Token::Kind::Or) {
            const Token& op = take();
            if (!starts_operand()) {
                fail(query_, op.at, "OR needs something on each side");
            }
            node.children.push_back(parse_and());
        }
        return node;
    }

    QueryNode parse_and() {
        QueryNode node;
        node.kind = QueryNode::Kind::And;
        for (;;) {
            if (peek().kind == Token::Kind::And) {
                const Token& op = take();
                if (node.children.empty() || !starts_operand()) {
                    fail(query_, op.at, "AND needs something on each side");
                }
            }
            if (!starts_operand()) {
                break;
            }
            node.children.push_back(parse_unary());
        }
        if (node.children.empty()) {
            const Token& t = peek();
            if (t.kind == Token::Kind::Or || t.kind == Token::Kind::Near) {
                fail(query_, t.at,
                     std::string(t.kind == Token::Kind::Or ? "OR" : "NEAR") +
                         " needs something on each side");
            }
            if (t.kind == Token::Kind::Close) {
                fail(query_, t.at, "\")\" without \"(\" or empty parentheses");
            }
            fail(query_, t.at, "nothing to search for");
        }
        if (node.children.size() == 1) {
            return std::move(node.children[0]);
        }
        return node;
    }

    QueryNode parse_unary() {
        if (peek().kind == Token::Kind::Not) {
            const Token& op = take();
            if (!starts_operand() || peek().kind == Token::Kind::Not) {
                fail(query_, op.at, "NOT needs something after it");
            }
            QueryNode node;
            node.kind = QueryNode::Kind::Not;
            node.children.push_back(parse_near());
            return node;
        }
        return parse_near();
    }

    QueryNode parse_near() {
        const std::size_t at = peek().at;
        QueryNode left = parse_primary();
        if (peek().kind != Token::Kind::Near) {
            return left;
        }
        const Token op = take();
        if (!is_positional(left) || op.negated) {
            fail(query_, at, "NEAR joins two words or phrases");
        }
        if (peek().kind != Token::Kind::Word && peek().kind != Token::Kind::Quoted) {
            fail(query_, op.at, "NEAR needs a word or phrase on each side");
        }
        const std::size_t right_at = peek().at;
        QueryNode right = parse_primary();
        if (!is_positional(right)) {
            fail(query_, right_at, "NEAR joins two words or phrases");
        }
        if (peek().kind == Token::Kind::Near) {
            fail(query_, peek().at, "NEAR joins two words or phrases; combine more with AND");
        }
        QueryNode node;
        node.kind = QueryNode::Kind::Near;
        node.distance = op.distance;
        node.children.push_back(std::move(left));
        node.children.push_back(std::move(right));
        return node;
    }

    static bool is_positional(const QueryNode& n) {
        return n.kind == QueryNode::Kind::Word || n.kind == QueryNode::Kind::ExactWord ||
               n.kind == QueryNode::Kind::Prefix || n.kind == QueryNode::Kind::Phrase;
    }

    QueryNode negate_if(const Token& t, QueryNode node) {
        if (!t.negated) {
            return node;
        }
        QueryNode n;
        n.kind = QueryNode::Kind::Not;
        n.children.push_back(std::move(node));
        return n;
    }

    QueryNode parse_primary() {
        const Token t = take();
        switch (t.kind) {
            case Token::Kind::Open: {
                if (peek().kind == Token::Kind::Close) {
                    fail(query_, t.at, "empty parentheses");
                }
                // Each level recurses here and again in every walk of the tree: a bound
                // keeps a pasted or hostile query from overflowing the stack.
                if (++depth_ > kMaxQueryDepth) {
                    fail(
                        query_, t.at,
                        "parentheses nested more than " + std::to_string(kMaxQueryDepth) + " deep");
                }
                QueryNode inner = parse_or();
                --depth_;
                if (peek().kind != Token::Kind::Close) {
                    fail(query_, t.at, "\"(\" is never closed");
                }
                take();
                return negate_if(t, std::move(inner));
            }
            case Token::Kind::Quoted:
                return negate_if(t, quoted(t));
            case Token::Kind::Field: {
                const bool known = !is_field_ || is_field_(t.name);
                if (t.text.empty()) {
                    // "code:" would otherwise search the word "code", and find it.
                    if (known && (is_field_ || t.quoted_name || is_builtin_field(t.name))) {
                        fail(query_, t.at,
                             "the filter " + t.raw + " has nothing after it (" + t.name +
                                 ":VALUE, or " + t.name + ":\"VALUE WITH SPACES\")");
                    }
                    // "Interviewer:" is the word before a colon.
                    Token as_words = t;
                    as_words.text = t.quoted_name ? t.name : t.raw;
                    return negate_if(t, t.quoted_name ? quoted(as_words) : word(as_words));
                }
                if (!known) {
                    if (t.quoted_name) {
                        fail(query_, t.at,
                             "\"" + t.name +
                                 "\" is not a field (doc, case, code, coder) or an "
                                 "attribute of this project");
                    }
                    // Not a field of this project: "note:urgent" is searched as words.
                    Token as_words = t;
                    as_words.text = t.raw;
                    return negate_if(t, word(as_words));
                }
                QueryNode n;
                n.kind = QueryNode::Kind::Field;
                n.name = t.name;
                n.value = t.text;
                n.raw = t.raw;
                return negate_if(t, std::move(n));
            }
            case Token::Kind::Word:
                return negate_if(t, word(t));
            default:
                fail(query_, t.at, "expected a word, a phrase or \"(\"");
        }
    }

    // A quoted phrase or word, not stemmed. A "*" at the end of a word in it makes that
    // word a prefix: "work* with" finds "working with" and "worked with".
    QueryNode quoted(const Token& t) {
        const std::string& text = t.text;
        const std::vector<Word> words = tokenizer_.words(text);
        if (words.empty()) {
            fail(query_, t.at,
                 text.find('*') != std::string::npos
                     ? "a wildcard \"*\" goes at the end of a word (\"work* with\")"
                     : "the quotes hold no words");
        }
        QueryNode n;
        n.kind = words.size() == 1 ? QueryNode::Kind::ExactWord : QueryNode::Kind::Phrase;
        std::size_t next_word = 0;
        for (std::size_t star = text.find('*'); star != std::string::npos;
             star = text.find('*', star + 1)) {
            while (next_word < words.size() && words[next_word].byte_end < star) {
                ++next_word;
            }
            // Right after a word, and not joined to the next one ("ex*ploit").
            const bool after_word = next_word < words.size() && words[next_word].byte_end == star;
            const bool before_word =
                next_word + 1 < words.size() && words[next_word + 1].byte_start == star + 1;
            if (!after_word || before_word) {
                fail(query_, t.at, "a wildcard \"*\" goes at the end of a word (\"work* with\")");
            }
            if (n.prefixes.empty()) {
                n.prefixes.assign(words.size(), false);
            }
            n.prefixes[next_word] = true;
        }
        for (const Word& w : words) {
            n.words.push_back(w.term);
        }
        if (words.size() == 1 && !n.prefixes.empty()) {
            n.kind = QueryNode::Kind::Prefix;  // "exploit*" is exploit*
            n.prefixes.clear();
        }
        return n;
    }

    QueryNode word(const Token& t) {
        const std::string& text = t.text;
        const std::size_t star = text.find('*');
        if (star != std::string::npos) {
            if (star != text.size() - 1 || star == 0) {
                fail(query_, t.at, "a wildcard \"*\" goes at the end of a word (exploit*)");
            }
            const std::vector<Word> words = tokenizer_.words(text.substr(0, star));
            if (words.size() != 1 || words[0].byte_end != star) {
                fail(query_, t.at, "a wildcard \"*\" applies to one word");
            }
            QueryNode n;
            n.kind = QueryNode::Kind::Prefix;
            n.words.push_back(words[0].term);
            return n;
        }
        // Punctuation only gives an empty And: nothing to find, and nothing to complain
        // about unless it is all there is (parse_and reports that).
        return words_node(text, false, tokenizer_);
    }

    std::string_view query_;
    std::vector<Token> tokens_;
    Tokenizer& tokenizer_;
    const std::function<bool(const std::string&)>& is_field_;
    std::size_t pos_ = 0;
};

bool is_empty(const QueryNode& n) {
    return (n.kind == QueryNode::Kind::And || n.kind == QueryNode::Kind::Or) && n.children.empty();
}

// Drops punctuation-only leaves, collapses single-child groups and checks where NOT and
// field filters may stand.
QueryNode simplify(QueryNode n) {
    if (n.kind == QueryNode::Kind::And || n.kind == QueryNode::Kind::Or) {
        std::vector<QueryNode> kept;
        for (QueryNode& c : n.children) {
            QueryNode s = simplify(std::move(c));
            if (!is_empty(s)) {
                kept.push_back(std::move(s));
            }
        }
        n.children = std::move(kept);
        if (n.children.size() == 1) {
            return std::move(n.children[0]);
        }
    } else if (n.kind == QueryNode::Kind::Not) {
        n.children[0] = simplify(std::move(n.children[0]));
        if (is_empty(n.children[0])) {
            return n.children[0];
        }
    }
    return n;
}

bool has_positive_text(const QueryNode& n) {
    switch (n.kind) {
        case QueryNode::Kind::Not:
        case QueryNode::Kind::Field:
            return false;
        case QueryNode::Kind::And:
            for (const QueryNode& c : n.children) {
                if (has_positive_text(c)) {
                    return true;
                }
            }
            return false;
        case QueryNode::Kind::Or:
            for (const QueryNode& c : n.children) {
                if (!has_positive_text(c)) {
                    return false;
                }
            }
            return !n.children.empty();
        default:
            return true;
    }
}

void check_placement(const QueryNode& n, bool top_level_conjunct) {
    for (const QueryNode& c : n.children) {
        const bool conjunct = top_level_conjunct && n.kind == QueryNode::Kind::And;
        if (c.kind == QueryNode::Kind::Field && !conjunct) {
            throw QueryError("malformed query: a field filter (" + c.raw +
                             ") can only be combined with AND, not inside OR, NOT or NEAR");
        }
        if (c.kind == QueryNode::Kind::Not && n.kind != QueryNode::Kind::And) {
            throw QueryError(
                "malformed query: NOT can only exclude from something else "
                "(risk NOT harm), not stand inside OR");
        }
        if (c.kind == QueryNode::Kind::Not && c.children[0].kind == QueryNode::Kind::Field) {
            throw QueryError("malformed query: a field filter (" + c.children[0].raw +
                             ") cannot be negated");
        }
        check_placement(c, conjunct);
    }
}

}  // namespace

QueryNode words_node(std::string_view text, bool exact, Tokenizer& tokenizer) {
    QueryNode n;
    std::vector<Word> words = tokenizer.words(text);
    if (words.empty()) {
        n.kind = QueryNode::Kind::And;
        return n;
    }
    for (Word& w : words) {
        n.words.push_back(std::move(w.term));
    }
    if (n.words.size() == 1) {
        n.kind = exact ? QueryNode::Kind::ExactWord : QueryNode::Kind::Word;
    } else {
        n.kind = QueryNode::Kind::Phrase;
    }
    return n;
}

QueryNode parse_query(std::string_view query, Tokenizer& tokenizer,
                      const std::function<bool(const std::string&)>& is_field) {
    if (query.size() > kMaxQueryBytes) {
        throw QueryError("malformed query: longer than " + std::to_string(kMaxQueryBytes / 1000) +
                         " kB (search for fewer words at a time)");
    }
    Parser parser(query, lex(query), tokenizer, is_field);
    QueryNode root = simplify(parser.parse());
    if (is_empty(root)) {
        throw QueryError("malformed query: nothing to search for");
    }
    check_placement(root, true);
    if (!has_positive_text(root)) {
        // Codes and fields alone are a question for the coding query, not for search.
        throw QueryError(
            "malformed query: a search needs at least one word that is not negated (for codes "
            "and fields alone, ask a coding query: quire-cli query, or Analyse > Coding Query)");
    }
    return root;
}

std::string describe(const QueryNode& n) {
    auto join_words = [&]() {
        std::string s;
        for (const std::string& w : n.words) {
            s += (s.empty() ? "" : " ") + w;
        }
        return s;
    };
    auto join_children = [&](const char* op) {
        std::string s = "(";
        for (std::size_t i = 0; i < n.children.size(); ++i) {
            s += (i ? std::string(" ") + op + " " : "") + describe(n.children[i]);
        }
        return s + ")";
    };
    switch (n.kind) {
        case QueryNode::Kind::Word:
            return "word:" + join_words();
        case QueryNode::Kind::ExactWord:
            return "exact:" + join_words();
        case QueryNode::Kind::Prefix:
            return "prefix:" + join_words();
        case QueryNode::Kind::Phrase: {
            std::string s;
            for (std::size_t i = 0; i < n.words.size(); ++i) {
                s += (i ? " " : "") + n.words[i] + (is_prefix(n, i) ? "*" : "");
            }
            return "phrase:\"" + s + "\"";
        }
        case QueryNode::Kind::Near:
            return "(" + describe(n.children[0]) + " NEAR/" + std::to_string(n.distance) + " " +
                   describe(n.children[1]) + ")";
        case QueryNode::Kind::And:
            return join_children("AND");
        case QueryNode::Kind::Or:
            return join_children("OR");
        case QueryNode::Kind::Not:
            return "NOT " + describe(n.children[0]);
        case QueryNode::Kind::Field:
            return "field:" + n.name + "=" + n.value;
    }
    return "";
}

}  // namespace quire::search
