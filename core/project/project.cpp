// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/project/project.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "core/base/errors.h"
#include "core/import/importer.h"
#include "core/storage/migrations.h"
#include "core/storage/sqlite.h"
#include "core/text/unicode.h"
#include "core/formats/csv.h"
#include "core/util/ids.h"
#include "core/util/sha256.h"

namespace quire {
namespace {

using sql::Statement;
using sql::Transaction;

// Readable, distinguishable colours for new codes when none is given.
constexpr const char* kPalette[] = {"#E57373", "#64B5F6", "#81C784", "#FFB74D", "#BA68C8",
                                    "#4DB6AC", "#F06292", "#A1887F", "#90A4AE", "#DCE775"};

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

// A name as the user typed it, made comparable with stored names.
std::string clean_name(const std::string& raw, const char* what) {
    std::string name = text::to_nfc(trim(raw));
    if (name.empty()) {
        throw InvalidInputError(std::string(what) + " name must not be empty");
    }
    if (name.find_first_of("\n\r\t") != std::string::npos) {
        throw InvalidInputError(std::string(what) + " name must be on one line: \"" + raw + "\"");
    }
    return name;
}

// Code names additionally cannot contain "/": it separates the levels of a code path
// ("Parent/Child"), and a path must name exactly one code.
std::string clean_code_name(const std::string& raw) {
    std::string name = clean_name(raw, "code");
    if (name.find('/') != std::string::npos) {
        throw InvalidInputError(
            "a code name cannot contain \"/\", which separates the levels of "
            "a code path: \"" +
            name + "\"");
    }
    return name;
}

std::optional<Id> parse_id(const std::string& s) {
    if (s.empty() || s.size() > 18 ||
        !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return std::nullopt;
    }
    return std::stoll(s);
}

std::string normalize_color(const std::string& raw) {
    std::string c = trim(raw);
    if (c.size() == 6) {
        c = "#" + c;
    }
    if (c.size() != 7 || c[0] != '#' ||
        !std::all_of(c.begin() + 1, c.end(), [](unsigned char ch) { return std::isxdigit(ch); })) {
        throw InvalidInputError("colour must be #RRGGBB, got \"" + raw + "\"");
    }
    std::transform(c.begin(), c.end(), c.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
    return c;
}

// A whole number: optional sign, then digits only (surrounding blanks allowed).
bool parse_int64(const std::string& s, std::int64_t& out) {
    const std::string t = trim(s);
    const char* begin = t.data();
    const char* end = t.data() + t.size();
    if (begin != end && *begin == '+') {
        ++begin;  // from_chars accepts '-' but not '+'
        if (begin == end || !std::isdigit(static_cast<unsigned char>(*begin))) {
            return false;
        }
    }
    auto [ptr, ec] = std::from_chars(begin, end, out);
    return ec == std::errc() && ptr == end && begin != end;
}

bool all_digits(const std::string& s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool valid_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s.substr(0, 4)) ||
        !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2))) {
        return false;
    }
    std::int64_t y, m, d;
    if (!parse_int64(s.substr(0, 4), y) || !parse_int64(s.substr(5, 2), m) ||
        !parse_int64(s.substr(8, 2), d)) {
        return false;
    }
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1]) {
        return false;
    }
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

std::string canonical_value(AttributeType type, const std::string& attribute,
                            const std::string& raw) {
    const std::string v = trim(raw);
    auto bad = [&](const char* expected) {
        return InvalidInputError("attribute \"" + attribute + "\" takes " + expected + ", got \"" +
                                 raw + "\"");
    };
    switch (type) {
        case AttributeType::Text:
            return text::to_nfc(v);
        case AttributeType::Boolean: {
            std::string lower = v;
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (lower == "true" || lower == "yes" || lower == "1") {
                return "true";
            }
            if (lower == "false" || lower == "no" || lower == "0") {
                return "false";
            }
            throw bad("true or false");
        }
        case AttributeType::Integer: {
            std::int64_t n;
            if (!parse_int64(v, n)) {
                throw bad("a whole number");
            }
            return std::to_string(n);
        }
        case AttributeType::Float: {
            char* end = nullptr;
            const double d = std::strtod(v.c_str(), &end);
            if (v.empty() || end != v.c_str() + v.size() || !std::isfinite(d)) {
                throw bad("a number");
            }
            char buffer[64];
            auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
            return std::string(buffer, ptr);
        }
        case AttributeType::Date:
            if (!valid_date(v)) {
                throw bad("a date as YYYY-MM-DD");
            }
            return v;
    }
    return v;
}

Document read_document(const Statement& s) {
    Document d;
    d.id = s.int64(0);
    d.guid = s.text(1);
    d.name = s.text(2);
    d.length = s.int64(3);
    d.original_name = s.text(4);
    d.format = s.text(5);
    d.encoding = s.text(6);
    d.imported_at = s.text(7);
    d.content_hash = s.text(8);
    return d;
}
constexpr const char* kDocumentColumns =
    "id, guid, name, length_cp, original_name, format, encoding, imported_at, content_hash";

Code read_code(const Statement& s) {
    Code c;
    c.id = s.int64(0);
    c.guid = s.text(1);
    c.name = s.text(2);
    c.parent_id = s.optional_int64(3);
    c.color = s.text(4);
    c.definition = s.text(5);
    c.inclusion = s.text(6);
    c.exclusion = s.text(7);
    c.example = s.text(8);
    c.codable = s.int64(9) != 0;
    c.position = static_cast<int>(s.int64(10));
    return c;
}
constexpr const char* kCodeColumns =
    "id, guid, name, parent_id, color, definition, inclusion, exclusion, example, codable, "
    "position";

Coding read_coding(const Statement& s) {
    Coding c;
    c.id = s.int64(0);
    c.guid = s.text(1);
    c.document_id = s.int64(2);
    c.code_id = s.int64(3);
    c.coder_id = s.int64(4);
    c.start = s.int64(5);
    c.end = s.int64(6);
    c.created_at = s.text(7);
    c.memo = s.text(8);
    return c;
}
constexpr const char* kCodingColumns =
    "id, guid, document_id, code_id, coder_id, start_cp, end_cp, created_at, memo";

int user_version(sql::Connection& db) {
    return static_cast<int>(db.pragma_int("user_version"));
}

void configure(sql::Connection& db) {
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
}

void migrate(sql::Connection& db) {
    for (const storage::Migration& step : storage::migrations()) {
        if (step.version <= user_version(db)) {
            continue;
        }
        Transaction tx(db);
        db.exec(step.sql);
        db.exec("PRAGMA user_version = " + std::to_string(step.version));
        tx.commit();
    }
}

}  // namespace

const char* to_string(AttributeType type) {
    switch (type) {
        case AttributeType::Text:
            return "text";
        case AttributeType::Boolean:
            return "boolean";
        case AttributeType::Integer:
            return "integer";
        case AttributeType::Float:
            return "float";
        case AttributeType::Date:
            return "date";
    }
    return "text";
}

AttributeType attribute_type_from_string(const std::string& name) {
    for (AttributeType t : {AttributeType::Text, AttributeType::Boolean, AttributeType::Integer,
                            AttributeType::Float, AttributeType::Date}) {
        if (name == to_string(t)) {
            return t;
        }
    }
    throw InvalidInputError("unknown attribute type \"" + name +
                            "\" (text, boolean, integer, float or date)");
}

// ---------------------------------------------------------------------------------------
// Opening and creating

int Project::current_schema_version() {
    return storage::migrations().back().version;
}

Project::Project(std::unique_ptr<sql::Connection> db) : db_(std::move(db)) {}
Project::Project(Project&&) noexcept = default;
Project& Project::operator=(Project&&) noexcept = default;
Project::~Project() = default;

Project Project::create(const std::string& path, const std::string& name) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        throw ProjectFileError(path + " already exists: Quire will not overwrite it");
    }
    try {
        auto db = std::make_unique<sql::Connection>(path, sql::Connection::Mode::Create);
        db->exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        configure(*db);
        migrate(*db);
        std::string project_name = trim(name);
        if (project_name.empty()) {
            project_name = std::filesystem::path(path).stem().string();
        }
        Statement& insert =
            db->prepare("INSERT INTO project (id, guid, name, created_at) VALUES (1, ?1, ?2, ?3)");
        insert.bind(1, util::new_guid())
            .bind(2, text::to_nfc(project_name))
            .bind(3, util::now_utc());
        insert.run();
        return Project(std::move(db));
    } catch (...) {
        std::filesystem::remove(path, ec);
        std::filesystem::remove(path + "-wal", ec);
        std::filesystem::remove(path + "-shm", ec);
        throw;
    }
}

Project Project::open(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        throw ProjectFileError(path + " does not exist (create a project with \"new\")");
    }
    auto db = std::make_unique<sql::Connection>(path, sql::Connection::Mode::ReadWrite);
    std::int64_t app_id = 0;
    try {
        app_id = db->pragma_int("application_id");
    } catch (const ProjectFileError&) {
        throw ProjectFileError(path + " is not a Quire project (not an SQLite database)");
    }
    if (app_id != kApplicationId) {
        throw ProjectFileError(path + " is not a Quire project");
    }
    const int version = user_version(*db);
    if (version > current_schema_version()) {
        throw ProjectFileError(path + " was saved by a newer version of Quire (file format " +
                               std::to_string(version) + "; this version reads up to " +
                               std::to_string(current_schema_version()) +
                               "): update Quire to open it");
    }
    configure(*db);
    migrate(*db);
    return Project(std::move(db));
}

const std::string& Project::path() const {
    return db_->path();
}
sql::Connection& Project::connection() {
    return *db_;
}

ProjectInfo Project::info() {
    Statement& s =
        db_->prepare("SELECT guid, name, description, language, created_at FROM project");
    if (!s.step()) {
        throw ProjectFileError(path() + " has no project record");
    }
    ProjectInfo p;
    p.guid = s.text(0);
    p.name = s.text(1);
    p.description = s.text(2);
    p.language = s.text(3);
    p.created_at = s.text(4);
    s.reset();
    p.schema_version = user_version(*db_);
    return p;
}

void Project::set_project_name(const std::string& name, const std::string& description) {
    Transaction tx(*db_);
    db_->prepare("UPDATE project SET name = ?1, description = ?2")
        .bind(1, clean_name(name, "project"))
        .bind(2, text::to_nfc(description))
        .run();
    tx.commit();
}

struct Project::Action::State {
    explicit State(sql::Connection& db) : tx(db) {}
    Transaction tx;
};

Project::Action::Action(Project& project) : state_(std::make_unique<State>(*project.db_)) {}
Project::Action::~Action() = default;
void Project::Action::commit() {
    state_->tx.commit();
}

// ---------------------------------------------------------------------------------------
// Documents

ImportOutcome Project::import_file(const std::string& path, const ImportOptions& options) {
    const import::ImportedText imported = import::read_transcript_file(path, options.encoding);
    const std::string file_name = std::filesystem::path(path).filename().string();
    std::string name;
    if (options.name) {
        name = clean_name(*options.name, "document");
    } else {
        // A name taken from the file is made unique rather than refused.
        const std::string stem =
            clean_name(std::filesystem::path(path).stem().string(), "document");
        name = stem;
        Statement& taken = db_->prepare("SELECT 1 FROM documents WHERE name = ?1");
        for (int n = 2;; ++n) {
            taken.reset();
            taken.bind(1, name);
            const bool exists = taken.step();
            taken.reset();
            if (!exists) {
                break;
            }
            name = stem + " (" + std::to_string(n) + ")";
        }
    }
    Transaction tx(*db_);
    ImportOutcome outcome =
        add_document(name, imported.text, file_name, imported.format, imported.encoding);
    if (!outcome.duplicate) {
        for (const auto& [key, value] : options.attributes) {
            set_document_attribute(outcome.document.id, key, value);
        }
    }
    tx.commit();
    return outcome;
}

ImportOutcome Project::add_document(const std::string& raw_name, const std::string& raw_text,
                                    const std::string& original_name, const std::string& format,
                                    const std::string& encoding) {
    const std::string name = clean_name(raw_name, "document");
    std::string stored;
    try {
        stored = text::normalize_for_storage(raw_text);
    } catch (const InvalidInputError& e) {
        throw ImportError(name + ": " + e.what());
    }
    if (trim(stored).empty()) {
        throw ImportError(name + ": the document contains no text");
    }
    const std::string hash = util::sha256_hex(stored);
    ImportOutcome outcome;
    outcome.encoding = encoding;
    Statement& same = db_->prepare("SELECT id FROM documents WHERE content_hash = ?1");
    same.bind(1, hash);
    if (same.step()) {
        const Id existing = same.int64(0);
        same.reset();
        outcome.document = document(existing);
        outcome.duplicate = true;
        return outcome;
    }
    same.reset();
    Transaction tx(*db_);
    Statement& taken = db_->prepare("SELECT 1 FROM documents WHERE name = ?1");
    taken.bind(1, name);
    if (taken.step()) {
        taken.reset();
        throw ConflictError("a document named \"" + name + "\" already exists");
    }
    taken.reset();
    db_->prepare(
           "INSERT INTO documents (guid, name, text, length_cp, original_name, format, encoding, "
           "imported_at, content_hash, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
           "(SELECT ifnull(max(position), -1) + 1 FROM documents))")
        .bind(1, util::new_guid())
        .bind(2, name)
        .bind(3, stored)
        .bind(4, text::code_point_count(stored))
        .bind(5, original_name)
        .bind(6, format)
        .bind(7, encoding)
        .bind(8, util::now_utc())
        .bind(9, hash)
        .run();
    const Id id = db_->last_insert_rowid();
    tx.commit();
    outcome.document = document(id);
    return outcome;
}

std::vector<Document> Project::documents() {
    Statement& s = db_->prepare(std::string("SELECT ") + kDocumentColumns +
                                " FROM documents ORDER BY position, id");
    std::vector<Document> out;
    while (s.step()) {
        out.push_back(read_document(s));
    }
    return out;
}

Document Project::document(Id id) {
    Statement& s =
        db_->prepare(std::string("SELECT ") + kDocumentColumns + " FROM documents WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) {
        throw NotFoundError("no document with id " + std::to_string(id));
    }
    Document d = read_document(s);
    s.reset();
    return d;
}

Document Project::find_document(const std::string& name_or_id) {
    const std::string name = text::to_nfc(trim(name_or_id));
    Statement& s =
        db_->prepare(std::string("SELECT ") + kDocumentColumns + " FROM documents WHERE name = ?1");
    s.bind(1, name);
    if (s.step()) {
        Document d = read_document(s);
        s.reset();
        return d;
    }
    s.reset();
    if (const auto id = parse_id(name)) {
        Statement& by_id = db_->prepare("SELECT 1 FROM documents WHERE id = ?1");
        by_id.bind(1, *id);
        const bool exists = by_id.step();
        by_id.reset();
        if (exists) {
            return document(*id);
        }
    }
    throw NotFoundError("no document named \"" + name_or_id + "\"");
}

void Project::set_language(const std::string& raw) {
    std::string code;
    for (const char c : raw) {
        code += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (code.size() != 2 ||
        code.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos) {
        throw InvalidInputError("a language is a two-letter ISO 639-1 code (en, fr, de), not \"" +
                                raw + "\"");
    }
    Transaction tx(*db_);
    Statement& s = db_->prepare("UPDATE project SET language = ?1");
    s.bind(1, code).run();
    tx.commit();
}

std::int64_t Project::documents_generation() {
    Statement& s = db_->prepare("SELECT value FROM change_counters WHERE name = 'documents'");
    const std::int64_t value = s.step() ? s.int64(0) : 0;
    s.reset();
    return value;
}

std::string Project::document_text_bytes(Id id, std::int64_t byte_offset,
                                         std::int64_t byte_length) {
    return db_->read_text_bytes(id, byte_offset, byte_length);
}

void Project::end_text_reads() {
    db_->end_text_reads();
}

std::vector<std::pair<Id, std::string>> Project::document_keys() {
    // guid precedes text in the row: this never touches the text's overflow pages.
    Statement& s = db_->prepare("SELECT id, guid FROM documents ORDER BY id");
    std::vector<std::pair<Id, std::string>> out;
    while (s.step()) {
        out.emplace_back(s.int64(0), s.text(1));
    }
    return out;
}

std::string Project::document_name(Id id) {
    Statement& s = db_->prepare("SELECT name FROM documents WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) {
        throw NotFoundError("no document with id " + std::to_string(id));
    }
    std::string name = s.text(0);
    s.reset();
    return name;
}

std::string Project::document_text(Id id) {
    Statement& s = db_->prepare("SELECT text FROM documents WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) {
        throw NotFoundError("no document with id " + std::to_string(id));
    }
    std::string t = s.text(0);
    s.reset();
    return t;
}

void Project::rename_document(Id id, const std::string& raw_name) {
    const std::string name = clean_name(raw_name, "document");
    Transaction tx(*db_);
    document(id);
    Statement& taken = db_->prepare("SELECT 1 FROM documents WHERE name = ?1 AND id <> ?2");
    taken.bind(1, name).bind(2, id);
    if (taken.step()) {
        taken.reset();
        throw ConflictError("a document named \"" + name + "\" already exists");
    }
    taken.reset();
    db_->prepare("UPDATE documents SET name = ?1 WHERE id = ?2").bind(1, name).bind(2, id).run();
    tx.commit();
}

void Project::delete_document(Id id) {
    Transaction tx(*db_);
    document(id);
    db_->prepare("DELETE FROM documents WHERE id = ?1").bind(1, id).run();
    tx.commit();
}

// ---------------------------------------------------------------------------------------
// Coders

std::vector<Coder> Project::coders() {
    Statement& s = db_->prepare("SELECT id, guid, name FROM coders ORDER BY name");
    std::vector<Coder> out;
    while (s.step()) {
        out.push_back({s.int64(0), s.text(1), s.text(2)});
    }
    return out;
}

Coder Project::find_coder(const std::string& raw_name) {
    const std::string name = text::to_nfc(trim(raw_name));
    Statement& s = db_->prepare("SELECT id, guid, name FROM coders WHERE name = ?1");
    s.bind(1, name);
    if (!s.step()) {
        throw NotFoundError("no coder named \"" + raw_name + "\"");
    }
    Coder c{s.int64(0), s.text(1), s.text(2)};
    s.reset();
    return c;
}

Coder Project::ensure_coder(const std::string& raw_name) {
    const std::string name = clean_name(raw_name, "coder");
    Statement& s = db_->prepare("SELECT id, guid, name FROM coders WHERE name = ?1");
    s.bind(1, name);
    if (s.step()) {
        Coder c{s.int64(0), s.text(1), s.text(2)};
        s.reset();
        return c;
    }
    s.reset();
    Transaction tx(*db_);
    const std::string guid = util::new_guid();
    db_->prepare("INSERT INTO coders (guid, name, created_at) VALUES (?1, ?2, ?3)")
        .bind(1, guid)
        .bind(2, name)
        .bind(3, util::now_utc())
        .run();
    Coder c{db_->last_insert_rowid(), guid, name};
    tx.commit();
    return c;
}

// ---------------------------------------------------------------------------------------
// Codebook

std::vector<Code> Project::codes() {
    Statement& s =
        db_->prepare(std::string("SELECT ") + kCodeColumns + " FROM codes ORDER BY position, id");
    std::map<std::optional<Id>, std::vector<Code>> by_parent;
    while (s.step()) {
        Code c = read_code(s);
        by_parent[c.parent_id].push_back(std::move(c));
    }
    std::vector<Code> out;
    // Depth-first so that every parent precedes its children.
    std::vector<Code> stack;
    auto push_children = [&](std::optional<Id> parent) {
        auto it = by_parent.find(parent);
        if (it != by_parent.end()) {
            stack.insert(stack.end(), it->second.rbegin(), it->second.rend());
        }
    };
    push_children(std::nullopt);
    while (!stack.empty()) {
        Code c = std::move(stack.back());
        stack.pop_back();
        const Id id = c.id;
        out.push_back(std::move(c));
        push_children(id);
    }
    return out;
}

Code Project::code(Id id) {
    Statement& s =
        db_->prepare(std::string("SELECT ") + kCodeColumns + " FROM codes WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) {
        throw NotFoundError("no code with id " + std::to_string(id));
    }
    Code c = read_code(s);
    s.reset();
    return c;
}

std::string Project::code_path(Id id) {
    std::string path;
    std::optional<Id> at = id;
    int depth = 0;
    while (at) {
        const Code c = code(*at);
        path = path.empty() ? c.name : c.name + "/" + path;
        at = c.parent_id;
        if (++depth > 1000) {
            throw ProjectFileError("the code hierarchy contains a cycle");
        }
    }
    return path;
}

Code Project::find_code(const std::string& raw) {
    const std::string wanted = text::to_nfc(trim(raw));
    // 1. A path from the top ("Parent/Child", or a top-level name): exact and unambiguous,
    //    since code names cannot contain "/" and siblings have distinct names.
    {
        std::optional<Id> at;
        std::size_t from = 0;
        bool found = true;
        while (found) {
            const std::size_t slash = wanted.find('/', from);
            const std::string part = trim(
                wanted.substr(from, slash == std::string::npos ? std::string::npos : slash - from));
            Statement& child =
                db_->prepare("SELECT id FROM codes WHERE name = ?1 AND ifnull(parent_id, 0) = ?2");
            child.bind(1, part).bind(2, at.value_or(0));
            found = child.step();
            if (found) {
                at = child.int64(0);
            }
            child.reset();
            if (slash == std::string::npos) {
                break;
            }
            from = slash + 1;
        }
        if (found && at) {
            return code(*at);
        }
    }
    // 2. A name used by exactly one code anywhere in the tree.
    Statement& by_name =
        db_->prepare(std::string("SELECT ") + kCodeColumns + " FROM codes WHERE name = ?1");
    by_name.bind(1, wanted);
    std::vector<Code> named;
    while (by_name.step()) {
        named.push_back(read_code(by_name));
    }
    if (named.size() == 1) {
        return named.front();
    }
    if (named.size() > 1) {
        throw ConflictError(std::to_string(named.size()) + " codes are named \"" + wanted +
                            "\": give the path (e.g. \"" + code_path(named[0].id) + "\" or \"" +
                            code_path(named[1].id) + "\") or the id");
    }
    // 3. A numeric id.
    if (const auto id = parse_id(wanted)) {
        Statement& exists = db_->prepare("SELECT 1 FROM codes WHERE id = ?1");
        exists.bind(1, *id);
        const bool found = exists.step();
        exists.reset();
        if (found) {
            return code(*id);
        }
    }
    throw NotFoundError("no code named \"" + raw + "\"");
}

namespace {

void require_unique_sibling_name(sql::Connection& db, const std::string& name,
                                 std::optional<Id> parent, std::optional<Id> except) {
    Statement& s = db.prepare(
        "SELECT 1 FROM codes WHERE name = ?1 AND ifnull(parent_id, 0) = ?2 AND id <> ?3");
    s.bind(1, name).bind(2, parent.value_or(0)).bind(3, except.value_or(0));
    const bool taken = s.step();
    s.reset();
    if (taken) {
        throw ConflictError(std::string("a code named \"") + name + "\" already exists " +
                            (parent ? "under that parent" : "at the top level"));
    }
}

std::vector<Id> descendants_and_self(sql::Connection& db, Id id) {
    Statement& s = db.prepare(
        "WITH RECURSIVE tree(id, depth) AS (SELECT ?1, 0 UNION ALL "
        "SELECT c.id, tree.depth + 1 FROM codes c JOIN tree ON c.parent_id = tree.id) "
        "SELECT id FROM tree ORDER BY depth");
    s.bind(1, id);
    std::vector<Id> out;
    while (s.step()) {
        out.push_back(s.int64(0));
    }
    return out;
}

}  // namespace

Code Project::add_code(const std::string& raw_name, std::optional<Id> parent,
                       const CodeFields& fields) {
    const std::string name = clean_code_name(raw_name);
    Transaction tx(*db_);
    if (parent) {
        code(*parent);
    }
    require_unique_sibling_name(*db_, name, parent, std::nullopt);
    std::string color;
    if (fields.color) {
        color = normalize_color(*fields.color);
    } else {
        Statement& n = db_->prepare("SELECT count(*) FROM codes");
        n.step();
        const std::int64_t count = n.int64(0);
        n.reset();
        color = kPalette[count % std::size(kPalette)];
    }
    Statement& next = db_->prepare(
        "SELECT ifnull(max(position), -1) + 1 FROM codes WHERE ifnull(parent_id, 0) = ?1");
    next.bind(1, parent.value_or(0));
    next.step();
    const std::int64_t position = next.int64(0);
    next.reset();
    db_->prepare(
           "INSERT INTO codes (guid, name, parent_id, color, definition, inclusion, exclusion, "
           "example, codable, position, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
           "?10, ?11)")
        .bind(1, util::new_guid())
        .bind(2, name)
        .bind(3, parent)
        .bind(4, color)
        .bind(5, text::to_nfc(fields.definition.value_or("")))
        .bind(6, text::to_nfc(fields.inclusion.value_or("")))
        .bind(7, text::to_nfc(fields.exclusion.value_or("")))
        .bind(8, text::to_nfc(fields.example.value_or("")))
        .bind(9, fields.codable.value_or(true) ? 1 : 0)
        .bind(10, position)
        .bind(11, util::now_utc())
        .run();
    const Id id = db_->last_insert_rowid();
    tx.commit();
    return code(id);
}

void Project::rename_code(Id id, const std::string& raw_name) {
    const std::string name = clean_code_name(raw_name);
    Transaction tx(*db_);
    const Code c = code(id);
    require_unique_sibling_name(*db_, name, c.parent_id, id);
    db_->prepare("UPDATE codes SET name = ?1 WHERE id = ?2").bind(1, name).bind(2, id).run();
    tx.commit();
}

void Project::update_code(Id id, const CodeFields& fields) {
    Transaction tx(*db_);
    Code c = code(id);
    if (fields.color) {
        c.color = normalize_color(*fields.color);
    }
    auto set = [](std::string& field, const std::optional<std::string>& value) {
        if (value) {
            field = text::to_nfc(*value);
        }
    };
    set(c.definition, fields.definition);
    set(c.inclusion, fields.inclusion);
    set(c.exclusion, fields.exclusion);
    set(c.example, fields.example);
    if (fields.codable) {
        c.codable = *fields.codable;
    }
    db_->prepare(
           "UPDATE codes SET color = ?1, definition = ?2, inclusion = ?3, exclusion = ?4, "
           "example = ?5, codable = ?6 WHERE id = ?7")
        .bind(1, c.color)
        .bind(2, c.definition)
        .bind(3, c.inclusion)
        .bind(4, c.exclusion)
        .bind(5, c.example)
        .bind(6, c.codable ? 1 : 0)
        .bind(7, id)
        .run();
    tx.commit();
}

void Project::move_code(Id id, std::optional<Id> new_parent, std::optional<int> position) {
    Transaction tx(*db_);
    const Code moving = code(id);
    if (new_parent) {
        code(*new_parent);
        const std::vector<Id> subtree = descendants_and_self(*db_, id);
        if (std::find(subtree.begin(), subtree.end(), *new_parent) != subtree.end()) {
            throw ConflictError("cannot move \"" + moving.name +
                                "\" under itself or one of its children");
        }
    }
    require_unique_sibling_name(*db_, moving.name, new_parent, id);
    Statement& siblings = db_->prepare(
        "SELECT id FROM codes WHERE ifnull(parent_id, 0) = ?1 AND id <> ?2 ORDER BY position, id");
    siblings.bind(1, new_parent.value_or(0)).bind(2, id);
    std::vector<Id> order;
    while (siblings.step()) {
        order.push_back(siblings.int64(0));
    }
    const auto at = std::clamp<std::size_t>(
        position && *position >= 0 ? static_cast<std::size_t>(*position) : order.size(), 0,
        order.size());
    order.insert(order.begin() + static_cast<std::ptrdiff_t>(at), id);
    db_->prepare("UPDATE codes SET parent_id = ?1 WHERE id = ?2")
        .bind(1, new_parent)
        .bind(2, id)
        .run();
    Statement& renumber = db_->prepare("UPDATE codes SET position = ?1 WHERE id = ?2");
    for (std::size_t i = 0; i < order.size(); ++i) {
        renumber.reset();
        renumber.bind(1, static_cast<std::int64_t>(i)).bind(2, order[i]).run();
    }
    tx.commit();
}

int Project::merge_codes(Id source, Id target) {
    Transaction tx(*db_);
    const Code from = code(source);
    const Code into = code(target);
    if (source == target) {
        throw ConflictError("cannot merge \"" + from.name + "\" into itself");
    }
    const std::vector<Id> subtree = descendants_and_self(*db_, source);
    if (std::find(subtree.begin(), subtree.end(), target) != subtree.end()) {
        throw ConflictError("cannot merge \"" + from.name + "\" into its own child \"" + into.name +
                            "\"");
    }
    // Codings identical to one the target already has would be duplicates: drop them, but
    // first give their memos to the coding that stays.
    const char* const same_coding =
        "SELECT t.id FROM codings t WHERE t.code_id = ?2 AND t.document_id = s.document_id AND "
        "t.coder_id = s.coder_id AND t.start_cp = s.start_cp AND t.end_cp = s.end_cp";
    db_->prepare(std::string("UPDATE memos SET coding_id = (") + same_coding +
                 ") FROM codings s WHERE memos.coding_id = s.id AND s.code_id = ?1 AND EXISTS (" +
                 same_coding + ")")
        .bind(1, source)
        .bind(2, target)
        .run();
    db_->prepare(
           "UPDATE codings AS t SET memo = CASE WHEN t.memo = '' THEN s.memo ELSE t.memo || "
           "char(10) || s.memo END FROM codings s WHERE s.code_id = ?1 AND t.code_id = ?2 AND "
           "t.document_id = s.document_id AND t.coder_id = s.coder_id AND t.start_cp = "
           "s.start_cp AND t.end_cp = s.end_cp AND s.memo <> ''")
        .bind(1, source)
        .bind(2, target)
        .run();
    db_->prepare(
           "DELETE FROM codings WHERE code_id = ?1 AND EXISTS (SELECT 1 FROM codings t WHERE "
           "t.code_id = ?2 AND t.document_id = codings.document_id AND t.coder_id = "
           "codings.coder_id AND t.start_cp = codings.start_cp AND t.end_cp = codings.end_cp)")
        .bind(1, source)
        .bind(2, target)
        .run();
    db_->prepare("UPDATE codings SET code_id = ?2 WHERE code_id = ?1")
        .bind(1, source)
        .bind(2, target)
        .run();
    const int moved = db_->changes();
    // The source goes away at the end; renaming it now keeps it from being taken for the
    // namesake of one of its own children below (A/B/B merged into A).
    db_->prepare("UPDATE codes SET name = guid WHERE id = ?1").bind(1, source).run();
    // Children move under the target; a child whose name the target already uses is merged
    // into that namesake, recursively.
    Statement& children = db_->prepare("SELECT id, name FROM codes WHERE parent_id = ?1");
    children.bind(1, source);
    std::vector<std::pair<Id, std::string>> kids;
    while (children.step()) {
        kids.emplace_back(children.int64(0), children.text(1));
    }
    int nested_moved = 0;
    for (const auto& [child, name] : kids) {
        Statement& namesake =
            db_->prepare("SELECT id FROM codes WHERE parent_id = ?1 AND name = ?2");
        namesake.bind(1, target).bind(2, name);
        const std::optional<Id> twin =
            namesake.step() ? std::optional<Id>(namesake.int64(0)) : std::nullopt;
        namesake.reset();
        if (twin) {
            nested_moved += merge_codes(child, *twin);
        } else {
            move_code(child, target);
        }
    }
    db_->prepare("UPDATE memos SET code_id = ?2 WHERE code_id = ?1")
        .bind(1, source)
        .bind(2, target)
        .run();
    db_->prepare(
           "INSERT OR IGNORE INTO code_set_members (set_id, code_id) SELECT set_id, ?2 FROM "
           "code_set_members WHERE code_id = ?1")
        .bind(1, source)
        .bind(2, target)
        .run();
    db_->prepare("DELETE FROM codes WHERE id = ?1").bind(1, source).run();
    tx.commit();
    return moved + nested_moved;
}

std::int64_t Project::coding_count(Id code_id, bool include_children) {
    std::vector<Id> ids =
        include_children ? descendants_and_self(*db_, code_id) : std::vector<Id>{code_id};
    Statement& s = db_->prepare("SELECT count(*) FROM codings WHERE code_id = ?1");
    std::int64_t total = 0;
    for (const Id id : ids) {
        s.reset();
        s.bind(1, id);
        s.step();
        total += s.int64(0);
    }
    s.reset();
    return total;
}

void Project::delete_code(Id id, bool force) {
    Transaction tx(*db_);
    const Code c = code(id);
    const std::int64_t used = coding_count(id, true);
    if (used > 0 && !force) {
        throw ConflictError("code \"" + c.name + "\" (with its children) has " +
                            std::to_string(used) +
                            " codings: delete them first or force the deletion");
    }
    std::vector<Id> subtree = descendants_and_self(*db_, id);
    std::reverse(subtree.begin(), subtree.end());  // children before parents
    for (const Id each : subtree) {
        db_->prepare("DELETE FROM codings WHERE code_id = ?1").bind(1, each).run();
        db_->prepare("DELETE FROM codes WHERE id = ?1").bind(1, each).run();
    }
    tx.commit();
}

// ---------------------------------------------------------------------------------------
// Coding

ApplyOutcome Project::apply_code(Id document_id, Id code_id, Id coder_id, std::int64_t start,
                                 std::int64_t end, const std::string& memo) {
    Transaction tx(*db_);
    const Document d = document(document_id);
    const Code c = code(code_id);
    Statement& coder_exists = db_->prepare("SELECT 1 FROM coders WHERE id = ?1");
    coder_exists.bind(1, coder_id);
    const bool has_coder = coder_exists.step();
    coder_exists.reset();
    if (!has_coder) {
        throw NotFoundError("no coder with id " + std::to_string(coder_id));
    }
    if (start < 0 || end > d.length || start >= end) {
        throw InvalidInputError("range [" + std::to_string(start) + ", " + std::to_string(end) +
                                ") is " + (start >= end ? "empty" : "outside the document") +
                                ": \"" + d.name + "\" has " + std::to_string(d.length) +
                                " characters (code points 0 to " + std::to_string(d.length) + ")");
    }
    if (!c.codable) {
        throw ConflictError("code \"" + c.name + "\" is a grouping code and cannot be applied");
    }
    Statement& same = db_->prepare(std::string("SELECT ") + kCodingColumns +
                                   " FROM codings WHERE document_id = ?1 AND code_id = ?2 AND "
                                   "coder_id = ?3 AND start_cp = ?4 AND end_cp = ?5");
    same.bind(1, document_id).bind(2, code_id).bind(3, coder_id).bind(4, start).bind(5, end);
    ApplyOutcome outcome;
    if (same.step()) {
        outcome.coding = read_coding(same);
        outcome.existed = true;
        same.reset();
        return outcome;
    }
    same.reset();
    db_->prepare(
           "INSERT INTO codings (guid, document_id, code_id, coder_id, start_cp, end_cp, "
           "created_at, memo) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, util::new_guid())
        .bind(2, document_id)
        .bind(3, code_id)
        .bind(4, coder_id)
        .bind(5, start)
        .bind(6, end)
        .bind(7, util::now_utc())
        .bind(8, text::to_nfc(memo))
        .run();
    outcome.coding = coding(db_->last_insert_rowid());
    tx.commit();
    return outcome;
}

void Project::remove_coding(Id coding_id) {
    Transaction tx(*db_);
    coding(coding_id);
    db_->prepare("DELETE FROM codings WHERE id = ?1").bind(1, coding_id).run();
    tx.commit();
}

Coding Project::coding(Id id) {
    Statement& s =
        db_->prepare(std::string("SELECT ") + kCodingColumns + " FROM codings WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) {
        throw NotFoundError("no coding with id " + std::to_string(id));
    }
    Coding c = read_coding(s);
    s.reset();
    return c;
}

std::vector<Coding> Project::codings(const CodingFilter& filter) {
    std::string sql = std::string("SELECT ") + kCodingColumns + " FROM codings WHERE 1";
    if (filter.document_id) {
        sql += " AND document_id = ?1";
    }
    if (filter.code_id) {
        sql += filter.include_child_codes
                   ? " AND code_id IN (WITH RECURSIVE tree(id) AS (SELECT ?2 UNION ALL SELECT "
                     "c.id FROM codes c JOIN tree ON c.parent_id = tree.id) SELECT id FROM tree)"
                   : " AND code_id = ?2";
    }
    if (filter.coder_id) {
        sql += " AND coder_id = ?3";
    }
    sql += " ORDER BY document_id, start_cp, end_cp, code_id, coder_id";
    Statement& s = db_->prepare(sql);
    if (filter.document_id) {
        s.bind(1, *filter.document_id);
    }
    if (filter.code_id) {
        s.bind(2, *filter.code_id);
    }
    if (filter.coder_id) {
        s.bind(3, *filter.coder_id);
    }
    std::vector<Coding> out;
    while (s.step()) {
        out.push_back(read_coding(s));
    }
    return out;
}

std::vector<Segment> Project::segments(const CodingFilter& filter, int context) {
    const std::vector<Coding> found = codings(filter);
    std::map<Id, std::string> doc_names, code_paths, coder_names;
    for (const Document& d : documents()) {
        doc_names[d.id] = d.name;
    }
    for (const Coder& c : coders()) {
        coder_names[c.id] = c.name;
    }
    std::vector<Segment> out;
    out.reserve(found.size());
    Id loaded = -1;
    std::string text;
    std::unique_ptr<text::OffsetMap> offsets;
    for (const Coding& c : found) {
        if (c.document_id != loaded) {
            text = document_text(c.document_id);
            offsets = std::make_unique<text::OffsetMap>(text);
            loaded = c.document_id;
        }
        if (!code_paths.count(c.code_id)) {
            code_paths[c.code_id] = code_path(c.code_id);
        }
        Segment seg;
        seg.coding = c;
        seg.document = doc_names[c.document_id];
        seg.code = code_paths[c.code_id];
        seg.coder = coder_names[c.coder_id];
        auto bytes = [&](std::int64_t cp) {
            return static_cast<std::size_t>(offsets->byte_of(cp));
        };
        const std::int64_t before = std::max<std::int64_t>(0, c.start - context);
        const std::int64_t after = std::min(offsets->code_points(), c.end + context);
        seg.before = text.substr(bytes(before), bytes(c.start) - bytes(before));
        seg.text = text.substr(bytes(c.start), bytes(c.end) - bytes(c.start));
        seg.after = text.substr(bytes(c.end), bytes(after) - bytes(c.end));
        out.push_back(std::move(seg));
    }
    return out;
}

std::vector<std::pair<std::int64_t, std::int64_t>> Project::find_text(Id document_id,
                                                                      const std::string& raw) {
    const std::string needle = text::to_nfc(raw);
    if (needle.empty()) {
        throw InvalidInputError("the text to find must not be empty");
    }
    const std::string haystack = document_text(document_id);
    const text::OffsetMap offsets(haystack);
    const std::int64_t needle_cps = text::code_point_count(needle);
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    for (std::size_t at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + needle.size())) {
        const std::int64_t start = offsets.code_point_of_byte(static_cast<std::int64_t>(at));
        out.emplace_back(start, start + needle_cps);
    }
    return out;
}

CsvCodingsOutcome Project::import_codings_csv(const std::string& csv_text) {
    const std::vector<util::CsvRow> rows = util::parse_csv(csv_text);
    const util::CsvRow expected = {"document", "coder", "code", "start", "end"};
    if (rows.empty()) {
        throw InvalidInputError(
            "the CSV file is empty (expected the header document,coder,code,start,end)");
    }
    util::CsvRow header;
    for (const std::string& h : rows[0]) {
        std::string t = trim(h);
        std::transform(t.begin(), t.end(), t.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        header.push_back(t);
    }
    if (header != expected) {
        throw InvalidInputError("the CSV header must be document,coder,code,start,end");
    }
    CsvCodingsOutcome outcome;
    Transaction tx(*db_);
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const util::CsvRow& row = rows[i];
        const std::string where = "CSV row " + std::to_string(i + 1) + ": ";
        try {
            if (row.size() != 5) {
                throw InvalidInputError("expected 5 fields, found " + std::to_string(row.size()));
            }
            std::int64_t start, end;
            if (!parse_int64(row[3], start) || !parse_int64(row[4], end)) {
                throw InvalidInputError("start and end must be whole numbers");
            }
            const Document d = find_document(row[0]);
            const Coder coder = ensure_coder(row[1]);
            const Code c = find_code(row[2]);
            const ApplyOutcome applied = apply_code(d.id, c.id, coder.id, start, end);
            ++(applied.existed ? outcome.already_present : outcome.added);
        } catch (const NotFoundError& e) {
            throw NotFoundError(where + e.what());
        } catch (const ConflictError& e) {
            throw ConflictError(where + e.what());
        } catch (const InvalidInputError& e) {
            throw InvalidInputError(where + e.what());
        }
    }
    tx.commit();
    return outcome;
}

std::string Project::export_codings_csv() {
    std::string out = util::csv_line({"document", "coder", "code", "start", "end"});
    std::map<Id, std::string> doc_names, code_paths, coder_names;
    std::map<Id, std::size_t> doc_order;
    for (const Document& d : documents()) {
        doc_names[d.id] = d.name;
        doc_order[d.id] = doc_order.size();
    }
    for (const Coder& c : coders()) {
        coder_names[c.id] = c.name;
    }
    std::vector<Coding> all = codings();
    for (const Coding& c : all) {
        if (!code_paths.count(c.code_id)) {
            code_paths[c.code_id] = code_path(c.code_id);
        }
    }
    std::stable_sort(all.begin(), all.end(), [&](const Coding& a, const Coding& b) {
        return std::tie(doc_order[a.document_id], a.start, a.end, code_paths[a.code_id],
                        coder_names[a.coder_id]) < std::tie(doc_order[b.document_id], b.start,
                                                            b.end, code_paths[b.code_id],
                                                            coder_names[b.coder_id]);
    });
    for (const Coding& c : all) {
        out +=
            util::csv_line({doc_names[c.document_id], coder_names[c.coder_id],
                            code_paths[c.code_id], std::to_string(c.start), std::to_string(c.end)});
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// Cases

std::vector<Case> Project::cases() {
    Statement& s = db_->prepare("SELECT id, guid, name, description FROM cases ORDER BY name");
    std::vector<Case> out;
    while (s.step()) {
        out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3)});
    }
    return out;
}

Case Project::find_case(const std::string& raw_name) {
    const std::string name = text::to_nfc(trim(raw_name));
    Statement& s = db_->prepare("SELECT id, guid, name, description FROM cases WHERE name = ?1");
    s.bind(1, name);
    if (!s.step()) {
        throw NotFoundError("no case named \"" + raw_name + "\"");
    }
    Case c{s.int64(0), s.text(1), s.text(2), s.text(3)};
    s.reset();
    return c;
}

Case Project::ensure_case(const std::string& raw_name, const std::string& description) {
    const std::string name = clean_name(raw_name, "case");
    Statement& s = db_->prepare("SELECT 1 FROM cases WHERE name = ?1");
    s.bind(1, name);
    const bool exists = s.step();
    s.reset();
    if (!exists) {
        Transaction tx(*db_);
        db_->prepare("INSERT INTO cases (guid, name, description) VALUES (?1, ?2, ?3)")
            .bind(1, util::new_guid())
            .bind(2, name)
            .bind(3, text::to_nfc(description))
            .run();
        tx.commit();
    }
    return find_case(name);
}

namespace {

void require_case(sql::Connection& db, Id case_id) {
    Statement& s = db.prepare("SELECT 1 FROM cases WHERE id = ?1");
    s.bind(1, case_id);
    const bool exists = s.step();
    s.reset();
    if (!exists) {
        throw NotFoundError("no case with id " + std::to_string(case_id));
    }
}

}  // namespace

void Project::link_case(Id case_id, Id document_id, std::optional<std::int64_t> start,
                        std::optional<std::int64_t> end) {
    Transaction tx(*db_);
    require_case(*db_, case_id);
    const Document d = document(document_id);
    if (start.has_value() != end.has_value()) {
        throw InvalidInputError("a case segment needs both start and end");
    }
    if (start && (*start < 0 || *end > d.length || *start >= *end)) {
        throw InvalidInputError("case segment [" + std::to_string(*start) + ", " +
                                std::to_string(*end) + ") is empty or outside \"" + d.name + "\"");
    }
    db_->prepare(
           "INSERT OR IGNORE INTO case_links (case_id, document_id, start_cp, end_cp) VALUES "
           "(?1, ?2, ?3, ?4)")
        .bind(1, case_id)
        .bind(2, document_id)
        .bind(3, start)
        .bind(4, end)
        .run();
    tx.commit();
}

std::vector<CaseLink> Project::case_links(std::optional<Id> case_id) {
    Statement& s = db_->prepare(
        "SELECT case_id, document_id, start_cp, end_cp FROM case_links WHERE ?1 IS NULL OR "
        "case_id = ?1 ORDER BY case_id, document_id, start_cp");
    s.bind(1, case_id);
    std::vector<CaseLink> out;
    while (s.step()) {
        out.push_back({s.int64(0), s.int64(1), s.optional_int64(2), s.optional_int64(3)});
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// Attributes

std::vector<Attribute> Project::attributes() {
    Statement& s =
        db_->prepare("SELECT id, guid, name, type FROM attributes ORDER BY position, id");
    std::vector<Attribute> out;
    while (s.step()) {
        out.push_back({s.int64(0), s.text(1), s.text(2), attribute_type_from_string(s.text(3))});
    }
    return out;
}

Attribute Project::ensure_attribute(const std::string& raw_name, AttributeType type) {
    const std::string name = clean_name(raw_name, "attribute");
    for (const Attribute& a : attributes()) {
        if (a.name == name) {
            return a;
        }
    }
    Transaction tx(*db_);
    const std::string guid = util::new_guid();
    db_->prepare(
           "INSERT INTO attributes (guid, name, type, position) VALUES (?1, ?2, ?3, (SELECT "
           "ifnull(max(position), -1) + 1 FROM attributes))")
        .bind(1, guid)
        .bind(2, name)
        .bind(3, to_string(type))
        .run();
    Attribute a{db_->last_insert_rowid(), guid, name, type};
    tx.commit();
    return a;
}

void Project::set_document_attribute(Id document_id, const std::string& attribute,
                                     const std::string& value) {
    Transaction tx(*db_);
    document(document_id);
    const Attribute a = ensure_attribute(attribute);
    db_->prepare(
           "INSERT INTO attribute_values (attribute_id, document_id, value) VALUES (?1, ?2, ?3) "
           "ON CONFLICT (attribute_id, document_id) WHERE document_id IS NOT NULL DO UPDATE SET "
           "value = excluded.value")
        .bind(1, a.id)
        .bind(2, document_id)
        .bind(3, canonical_value(a.type, a.name, value))
        .run();
    tx.commit();
}

void Project::set_case_attribute(Id case_id, const std::string& attribute,
                                 const std::string& value) {
    Transaction tx(*db_);
    require_case(*db_, case_id);
    const Attribute a = ensure_attribute(attribute);
    db_->prepare(
           "INSERT INTO attribute_values (attribute_id, case_id, value) VALUES (?1, ?2, ?3) "
           "ON CONFLICT (attribute_id, case_id) WHERE case_id IS NOT NULL DO UPDATE SET "
           "value = excluded.value")
        .bind(1, a.id)
        .bind(2, case_id)
        .bind(3, canonical_value(a.type, a.name, value))
        .run();
    tx.commit();
}

namespace {

std::vector<AttributeValue> read_values(Statement& s) {
    std::vector<AttributeValue> out;
    while (s.step()) {
        out.push_back({s.text(0), attribute_type_from_string(s.text(1)), s.text(2)});
    }
    return out;
}

}  // namespace

std::vector<AttributeValue> Project::document_attributes(Id document_id) {
    Statement& s = db_->prepare(
        "SELECT a.name, a.type, v.value FROM attribute_values v JOIN attributes a ON a.id = "
        "v.attribute_id WHERE v.document_id = ?1 ORDER BY a.position, a.id");
    s.bind(1, document_id);
    return read_values(s);
}

std::vector<AttributeValue> Project::case_attributes(Id case_id) {
    Statement& s = db_->prepare(
        "SELECT a.name, a.type, v.value FROM attribute_values v JOIN attributes a ON a.id = "
        "v.attribute_id WHERE v.case_id = ?1 ORDER BY a.position, a.id");
    s.bind(1, case_id);
    return read_values(s);
}

// ---------------------------------------------------------------------------------------
// Memos and code sets

Memo Project::add_memo(Memo::Target target, std::optional<Id> target_id, const std::string& title,
                       const std::string& body, std::optional<Id> coder) {
    if ((target == Memo::Target::Project) == target_id.has_value()) {
        throw InvalidInputError(target == Memo::Target::Project
                                    ? "a project memo has no target"
                                    : "a memo needs the id of what it is about");
    }
    Transaction tx(*db_);
    std::optional<Id> doc, code_id, coding_id, case_id;
    switch (target) {
        case Memo::Target::Project:
            break;
        case Memo::Target::Document:
            document(*target_id);
            doc = target_id;
            break;
        case Memo::Target::Code:
            code(*target_id);
            code_id = target_id;
            break;
        case Memo::Target::Coding:
            coding(*target_id);
            coding_id = target_id;
            break;
        case Memo::Target::Case:
            require_case(*db_, *target_id);
            case_id = target_id;
            break;
    }
    const std::string now = util::now_utc();
    Memo m;
    m.guid = util::new_guid();
    m.title = text::to_nfc(title);
    m.text = text::to_nfc(body);
    m.coder_id = coder;
    m.target = target;
    m.target_id = target_id;
    m.created_at = now;
    m.updated_at = now;
    db_->prepare(
           "INSERT INTO memos (guid, title, text, coder_id, document_id, code_id, coding_id, "
           "case_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)")
        .bind(1, m.guid)
        .bind(2, m.title)
        .bind(3, m.text)
        .bind(4, coder)
        .bind(5, doc)
        .bind(6, code_id)
        .bind(7, coding_id)
        .bind(8, case_id)
        .bind(9, now)
        .run();
    m.id = db_->last_insert_rowid();
    tx.commit();
    return m;
}

std::vector<Memo> Project::memos() {
    Statement& s = db_->prepare(
        "SELECT id, guid, title, text, coder_id, document_id, code_id, coding_id, case_id, "
        "created_at, updated_at FROM memos ORDER BY id");
    std::vector<Memo> out;
    while (s.step()) {
        Memo m;
        m.id = s.int64(0);
        m.guid = s.text(1);
        m.title = s.text(2);
        m.text = s.text(3);
        m.coder_id = s.optional_int64(4);
        const std::pair<Memo::Target, int> targets[] = {{Memo::Target::Document, 5},
                                                        {Memo::Target::Code, 6},
                                                        {Memo::Target::Coding, 7},
                                                        {Memo::Target::Case, 8}};
        for (const auto& [kind, column] : targets) {
            if (!s.is_null(column)) {
                m.target = kind;
                m.target_id = s.int64(column);
            }
        }
        m.created_at = s.text(9);
        m.updated_at = s.text(10);
        out.push_back(std::move(m));
    }
    return out;
}

CodeSet Project::add_code_set(const std::string& raw_name, const std::vector<Id>& code_ids,
                              const std::string& description) {
    const std::string name = clean_name(raw_name, "code set");
    Transaction tx(*db_);
    CodeSet set;
    set.guid = util::new_guid();
    set.name = name;
    set.description = text::to_nfc(description);
    db_->prepare("INSERT INTO code_sets (guid, name, description) VALUES (?1, ?2, ?3)")
        .bind(1, set.guid)
        .bind(2, set.name)
        .bind(3, set.description)
        .run();
    set.id = db_->last_insert_rowid();
    for (const Id c : code_ids) {
        code(c);
        db_->prepare("INSERT OR IGNORE INTO code_set_members (set_id, code_id) VALUES (?1, ?2)")
            .bind(1, set.id)
            .bind(2, c)
            .run();
    }
    set.code_ids = code_ids;
    tx.commit();
    return set;
}

std::vector<CodeSet> Project::code_sets() {
    Statement& s = db_->prepare("SELECT id, guid, name, description FROM code_sets ORDER BY name");
    std::vector<CodeSet> out;
    while (s.step()) {
        out.push_back({s.int64(0), s.text(1), s.text(2), s.text(3), {}});
    }
    for (CodeSet& set : out) {
        Statement& m =
            db_->prepare("SELECT code_id FROM code_set_members WHERE set_id = ?1 ORDER BY code_id");
        m.bind(1, set.id);
        while (m.step()) {
            set.code_ids.push_back(m.int64(0));
        }
    }
    return out;
}

}  // namespace quire
