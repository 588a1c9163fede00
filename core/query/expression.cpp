// SPDX-License-Identifier: GPL-3.0-or-later
// The coding query language's reader: a lexer into fields, words, phrases, operators and
// parentheses, then recursive descent by precedence (segment operators, AND/NOT, OR).
#include "core/query/expression.h"

#include <cctype>
#include <charconv>
#include <optional>
#include <utility>

namespace quire::query {

namespace {

struct Token {
    enum class Kind { LParen, RParen, Keyword, Field, Word, Phrase, End };
    Kind kind = Kind::End;
    std::string keyword;  // AND, OR, NOT, or a relation's name
    Node::Relation relation = Node::Relation::Overlaps;
    int distance = 0;
    std::string name;     // Field
    std::string compare;  // Field: ":", "=:", ">", ">=", "<", "<="
    std::string value;    // Field
    bool quoted_name = false;
    std::size_t begin = 0;  // byte offsets in the expression
    std::size_t end = 0;
    std::size_t position = 0;  // 1-based code point
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool ends_bare(char c) {
    return is_space(c) || c == '(' || c == ')' || c == '"';
}

std::optional<int> parse_count(std::string_view digits) {
    int n = 0;
    if (digits.empty() || digits.size() > 6 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc() || ptr != digits.data() + digits.size()) {
        return std::nullopt;
    }
    return n;
}

bool is_number(const std::string& s) {
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return !s.empty() && ec == std::errc() && ptr == s.data() + s.size();
}

class Lexer {
public:
    explicit Lexer(std::string_view text) : text_(text) {}

    std::vector<Token> run() {
        std::vector<Token> out;
        while (true) {
            while (at_ < text_.size() && is_space(text_[at_])) {
                ++at_;
            }
            if (at_ >= text_.size()) {
                Token end;
                end.begin = end.end = at_;
                end.position = position_of(at_);
                out.push_back(end);
                return out;
            }
            out.push_back(next());
        }
    }

    std::size_t position_of(std::size_t byte) const {
        std::size_t cp = 0;
        for (std::size_t i = 0; i < byte && i < text_.size(); ++i) {
            if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) {
                ++cp;
            }
        }
        return cp + 1;
    }

private:
    [[noreturn]] void fail(const std::string& what, std::size_t byte) const {
        throw QueryError(what + " at character " + std::to_string(position_of(byte)));
    }

    std::string quoted() {
        const std::size_t open = at_;
        const std::size_t close = text_.find('"', open + 1);
        if (close == std::string_view::npos) {
            fail("a quote that is not closed", open);
        }
        at_ = close + 1;
        return std::string(text_.substr(open + 1, close - open - 1));
    }

    std::string bare() {
        const std::size_t from = at_;
        while (at_ < text_.size() && !ends_bare(text_[at_])) {
            ++at_;
        }
        return std::string(text_.substr(from, at_ - from));
    }

    // The value after a field's comparison: quoted, or bare up to a space or parenthesis.
    std::string field_value(std::size_t field_start) {
        if (at_ < text_.size() && text_[at_] == '"') {
            return quoted();
        }
        std::string v = bare();
        if (v.empty()) {
            fail("a field with nothing after it", field_start);
        }
        return v;
    }

    Token next() {
        Token t;
        t.begin = at_;
        t.position = position_of(at_);
        const char c = text_[at_];
        if (c == '(' || c == ')') {
            t.kind = c == '(' ? Token::Kind::LParen : Token::Kind::RParen;
            t.end = ++at_;
            return t;
        }
        if (c == '"') {
            std::string inside = quoted();
            if (at_ < text_.size() &&
                (text_[at_] == ':' || text_[at_] == '>' || text_[at_] == '<')) {
                t.kind = Token::Kind::Field;
                t.name = std::move(inside);
                t.quoted_name = true;
                read_comparison(t);
                t.value = field_value(t.begin);
                check_field(t);
            } else {
                t.kind = Token::Kind::Phrase;
                t.value = std::move(inside);
                if (t.value.find_first_not_of(" \t\n\r") == std::string::npos) {
                    fail("an empty phrase", t.begin);
                }
            }
            t.end = at_;
            return t;
        }
        const std::size_t start = at_;
        std::size_t whole = start;
        while (whole < text_.size() && !ends_bare(text_[whole])) {
            ++whole;
        }
        // NEAR/2:par holds a colon but is an operator, not a field.
        if (read_keyword(std::string(text_.substr(start, whole - start)), t)) {
            t.kind = Token::Kind::Keyword;
            at_ = t.end = whole;
            return t;
        }
        std::size_t stop = start;
        while (stop < text_.size() && !ends_bare(text_[stop]) && text_[stop] != ':' &&
               text_[stop] != '>' && text_[stop] != '<') {
            ++stop;
        }
        if (stop < text_.size() && stop > start &&
            (text_[stop] == ':' || text_[stop] == '>' || text_[stop] == '<')) {
            t.kind = Token::Kind::Field;
            t.name = std::string(text_.substr(start, stop - start));
            at_ = stop;
            if (!t.name.empty() && t.name.back() == '=' && text_[stop] == ':') {
                t.name.pop_back();
                t.compare = "=:";
                ++at_;
            } else {
                read_comparison(t);
            }
            if (t.name.empty()) {
                fail("a field without a name", start);
            }
            t.value = field_value(start);
            check_field(t);
            t.end = at_;
            return t;
        }
        const std::string word = bare();
        t.end = at_;
        if (word.empty()) {
            fail("a field without a name", start);
        }
        t.kind = Token::Kind::Word;
        t.value = word;
        return t;
    }

    void read_comparison(Token& t) {
        const char c = text_[at_++];
        t.compare = std::string(1, c);
        if (c != ':' && at_ < text_.size() && text_[at_] == '=') {
            t.compare += '=';
            ++at_;
        }
    }

    void check_field(const Token& t) const {
        if (t.compare == "=:" && t.name != "code") {
            fail("\"=:\" only after code (code=:\"Path\" is the code without its children)",
                 t.begin);
        }
        if (t.compare[0] == '>' || t.compare[0] == '<') {
            if (!is_number(t.value)) {
                fail("\"" + t.name + t.compare + "\" needs a number", t.begin);
            }
        }
    }

    // NEAR, NEAR/3, NEAR/2:par, BEFORE/5, ... and the other operators; lower case is a word.
    bool read_keyword(const std::string& w, Token& t) const {
        static const std::pair<const char*, Node::Relation> plain[] = {
            {"OVERLAPS", Node::Relation::Overlaps}, {"WITHIN", Node::Relation::Within},
            {"ENCLOSES", Node::Relation::Encloses}, {"SAMETURN", Node::Relation::SameTurn},
            {"SAMEPARA", Node::Relation::SamePara}, {"SAMEDOC", Node::Relation::SameDoc},
        };
        if (w == "AND" || w == "OR" || w == "NOT") {
            t.keyword = w;
            return true;
        }
        for (const auto& [name, relation] : plain) {
            if (w == name) {
                t.keyword = name;
                t.relation = relation;
                return true;
            }
        }
        for (const char* name : {"NEAR", "BEFORE"}) {
            const std::string n(name);
            if (w.compare(0, n.size(), n) != 0 || (w.size() > n.size() && w[n.size()] != '/')) {
                continue;
            }
            t.keyword = n;
            t.relation = n == "NEAR" ? Node::Relation::Near : Node::Relation::Before;
            t.distance = kDefaultDistance;
            if (w.size() == n.size()) {
                return true;
            }
            std::string_view rest = std::string_view(w).substr(n.size() + 1);
            if (n == "NEAR" && rest.size() > 4 && rest.substr(rest.size() - 4) == ":par") {
                rest.remove_suffix(4);
                t.relation = Node::Relation::NearParagraphs;
            }
            const std::optional<int> d = parse_count(rest);
            if (!d) {
                fail(n + " takes a count of words (" + n + "/3" +
                         (n == "NEAR" ? " or NEAR/1:par" : "") + ")",
                     t.begin);
            }
            t.distance = *d;
            return true;
        }
        return false;
    }

    std::string_view text_;
    std::size_t at_ = 0;
};

class Parser {
public:
    Parser(std::string_view text, std::vector<Token> tokens)
        : text_(text), tokens_(std::move(tokens)) {}

    Node run() {
        if (peek().kind == Token::Kind::End) {
            throw QueryError("an empty query");
        }
        Node n = parse_or("the start");
        if (peek().kind == Token::Kind::RParen) {
            fail("a \")\" without its \"(\"", peek());
        }
        if (peek().kind != Token::Kind::End) {
            fail("\"" + token_text(peek()) + "\" where an operator or the end was expected",
                 peek());
        }
        return n;
    }

private:
    const Token& peek() const { return tokens_[at_]; }
    const Token& take() { return tokens_[at_++]; }
    bool is_keyword(const char* k) const {
        return peek().kind == Token::Kind::Keyword && peek().keyword == k;
    }
    bool is_relation() const {
        return peek().kind == Token::Kind::Keyword && peek().keyword != "AND" &&
               peek().keyword != "OR" && peek().keyword != "NOT";
    }
    bool starts_operand() const {
        const Token::Kind k = peek().kind;
        return k == Token::Kind::LParen || k == Token::Kind::Field || k == Token::Kind::Word ||
               k == Token::Kind::Phrase;
    }
    std::string token_text(const Token& t) const {
        return std::string(text_.substr(t.begin, t.end - t.begin));
    }
    [[noreturn]] void fail(const std::string& what, const Token& t) const {
        throw QueryError(what + " at character " + std::to_string(t.position));
    }
    void expect_operand(const char* after) const {
        if (peek().kind == Token::Kind::End) {
            fail(std::string("the query ends after ") + after, peek());
        }
        if (!starts_operand()) {
            fail("\"" + token_text(peek()) + "\" after " + after +
                     ", where a code, a text, a field or \"(\" was expected",
                 peek());
        }
    }

    Node parse_or(const char* after) {
        Node first = parse_and(after);
        if (!is_keyword("OR")) {
            return first;
        }
        Node n;
        n.kind = Node::Kind::Or;
        n.position = first.position;
        n.children.push_back(std::move(first));
        while (is_keyword("OR")) {
            take();
            n.children.push_back(parse_and("OR"));
        }
        return n;
    }

    Node parse_and(const char* after) {
        Node n;
        n.kind = Node::Kind::And;
        n.position = peek().position;
        if (is_keyword("NOT")) {
            Node all;
            all.kind = Node::Kind::All;
            all.position = take().position;
            n.children.push_back(std::move(all));
            n.ops.push_back(Node::Op::And);
            expect_operand("NOT");
            n.children.push_back(parse_segment());
            n.ops.push_back(Node::Op::Minus);
        } else {
            expect_operand(after);
            n.children.push_back(parse_segment());
            n.ops.push_back(Node::Op::And);
        }
        while (true) {
            Node::Op op = Node::Op::And;
            if (is_keyword("AND")) {
                take();
                if (is_keyword("NOT")) {
                    take();
                    op = Node::Op::Minus;
                    expect_operand("AND NOT");
                } else {
                    expect_operand("AND");
                }
            } else if (is_keyword("NOT")) {
                take();
                op = Node::Op::Minus;
                expect_operand("NOT");
            } else if (!starts_operand()) {
                break;
            }
            n.children.push_back(parse_segment());
            n.ops.push_back(op);
        }
        if (n.children.size() == 1) {
            return std::move(n.children[0]);
        }
        return n;
    }

    Node parse_segment() {
        Node left = parse_primary();
        while (is_relation()) {
            const Token& op = take();
            expect_operand(op.keyword.c_str());
            Node n;
            n.kind = Node::Kind::Segment;
            n.relation = op.relation;
            n.distance = op.distance;
            n.position = left.position;
            n.children.push_back(std::move(left));
            n.children.push_back(parse_primary());
            left = std::move(n);
        }
        return left;
    }

    Node parse_primary() {
        const Token& t = peek();
        if (t.kind == Token::Kind::LParen) {
            take();
            if (++depth_ > kMaxExpressionDepth) {
                fail("parentheses nested deeper than " + std::to_string(kMaxExpressionDepth), t);
            }
            if (peek().kind == Token::Kind::RParen) {
                fail("empty parentheses", t);
            }
            Node inner = parse_or("\"(\"");
            if (peek().kind != Token::Kind::RParen) {
                fail("a \"(\" that is not closed", t);
            }
            take();
            --depth_;
            return inner;
        }
        if (t.kind == Token::Kind::Field) {
            take();
            return field(t);
        }
        // A run of words and phrases is one text search, as typed.
        Node n;
        n.kind = Node::Kind::Text;
        n.position = t.position;
        const std::size_t begin = t.begin;
        std::size_t end = t.end;
        while (peek().kind == Token::Kind::Word || peek().kind == Token::Kind::Phrase) {
            end = take().end;
        }
        n.text = std::string(text_.substr(begin, end - begin));
        return n;
    }

    static Node field(const Token& t) {
        Node n;
        n.position = t.position;
        n.name = t.name;
        n.value = t.value;
        n.compare = t.compare == "=:" ? ":" : t.compare;
        if (!t.quoted_name && t.compare == ":") {
            if (t.name == "code") {
                n.kind = Node::Kind::Code;
            } else if (t.name == "coder") {
                n.kind = Node::Kind::Coder;
            } else if (t.name == "doc") {
                n.kind = Node::Kind::Document;
            } else if (t.name == "group") {
                n.kind = Node::Kind::Group;
            } else if (t.name == "case") {
                n.kind = Node::Kind::Case;
            } else {
                n.kind = Node::Kind::Attribute;
            }
        } else if (t.compare == "=:") {
            n.kind = Node::Kind::Code;
            n.exact = true;
        } else {
            n.kind = Node::Kind::Attribute;
        }
        if (n.kind != Node::Kind::Attribute) {
            n.name = n.value;
            n.value.clear();
        }
        return n;
    }

    std::string_view text_;
    std::vector<Token> tokens_;
    std::size_t at_ = 0;
    int depth_ = 0;
};

std::string quote(const std::string& s) {
    return "\"" + s + "\"";
}

// A name written bare must read back as the same name: letters, digits and "_" only (any
// character outside ASCII counts as a letter), and no operator.
bool needs_quotes(const std::string& s) {
    if (s.empty() || s == "AND" || s == "OR" || s == "NOT" || s == "OVERLAPS" || s == "WITHIN" ||
        s == "ENCLOSES" || s == "SAMETURN" || s == "SAMEPARA" || s == "SAMEDOC" ||
        s.rfind("NEAR", 0) == 0 || s.rfind("BEFORE", 0) == 0) {
        return true;
    }
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80 && !std::isalnum(u) && c != '_') {
            return true;
        }
    }
    return false;
}

int precedence(const Node& n) {
    switch (n.kind) {
        case Node::Kind::Or:
            return 0;
        case Node::Kind::And:
            return 1;
        case Node::Kind::Segment:
            return 2;
        default:
            return 3;
    }
}

std::string child_text(const Node& child, int at_least) {
    const std::string t = to_text(child);
    return precedence(child) < at_least ? "(" + t + ")" : t;
}

}  // namespace

Node parse_expression(std::string_view expression) {
    if (expression.size() > kMaxExpressionBytes) {
        throw QueryError("a query longer than " + std::to_string(kMaxExpressionBytes) + " bytes");
    }
    Lexer lexer(expression);
    return Parser(expression, lexer.run()).run();
}

std::string relation_text(Node::Relation relation, int distance) {
    switch (relation) {
        case Node::Relation::Overlaps:
            return "OVERLAPS";
        case Node::Relation::Within:
            return "WITHIN";
        case Node::Relation::Encloses:
            return "ENCLOSES";
        case Node::Relation::Near:
            return "NEAR/" + std::to_string(distance);
        case Node::Relation::NearParagraphs:
            return "NEAR/" + std::to_string(distance) + ":par";
        case Node::Relation::Before:
            return "BEFORE/" + std::to_string(distance);
        case Node::Relation::SameTurn:
            return "SAMETURN";
        case Node::Relation::SamePara:
            return "SAMEPARA";
        case Node::Relation::SameDoc:
            return "SAMEDOC";
    }
    return "";
}

std::string to_text(const Node& n) {
    switch (n.kind) {
        case Node::Kind::Code:
            return std::string(n.exact ? "code=:" : "code:") + quote(n.name);
        case Node::Kind::Coder:
            return "coder:" + quote(n.name);
        case Node::Kind::Document:
            return "doc:" + quote(n.name);
        case Node::Kind::Group:
            return "group:" + quote(n.name);
        case Node::Kind::Case:
            return "case:" + quote(n.name);
        case Node::Kind::Attribute:
            return (needs_quotes(n.name) || n.name == "code" || n.name == "coder" ||
                            n.name == "doc" || n.name == "group" || n.name == "case"
                        ? quote(n.name)
                        : n.name) +
                   n.compare + (n.compare == ":" ? quote(n.value) : n.value);
        case Node::Kind::Text:
            return n.text;
        case Node::Kind::All:
            return "";
        case Node::Kind::Or: {
            std::string out;
            for (const Node& c : n.children) {
                out += (out.empty() ? "" : " OR ") + child_text(c, 1);
            }
            return out;
        }
        case Node::Kind::And: {
            std::string out;
            for (std::size_t i = 0; i < n.children.size(); ++i) {
                if (n.children[i].kind == Node::Kind::All) {
                    continue;
                }
                const bool minus = n.ops[i] == Node::Op::Minus;
                if (i > 0 || minus) {
                    out += out.empty() ? (minus ? "NOT " : "") : (minus ? " NOT " : " AND ");
                }
                out += child_text(n.children[i], 3);
            }
            return out;
        }
        case Node::Kind::Segment:
            return child_text(n.children[0], 2) + " " + relation_text(n.relation, n.distance) +
                   " " + child_text(n.children[1], 3);
    }
    return "";
}

}  // namespace quire::query
