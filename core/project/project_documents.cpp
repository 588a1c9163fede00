// SPDX-License-Identifier: GPL-3.0-or-later
// The Project's documents: import, text, names, deletion.
#include "core/project/project.h"

#include <cctype>
#include <filesystem>

#include "core/base/errors.h"
#include "core/import/importer.h"
#include "core/project/project_internal.h"
#include "core/storage/sqlite.h"
#include "core/text/unicode.h"
#include "core/util/ids.h"
#include "core/util/sha256.h"

namespace quire {

using sql::Statement;
using sql::Transaction;
using namespace project_detail;

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

}  // namespace quire
