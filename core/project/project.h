// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/model.h"
#include "core/base/text_range.h"

// A Quire project: one SQLite file (*.quire) holding documents, codebook, coders, codings,
// cases, attributes and memos.
//
// Contract: every method may throw quire::Error subclasses (core/errors.h) and is one
// transaction: when it throws, the file is exactly as before the call. Callers group
// several calls into one user action with Project::Action. A Project is used from one
// thread; open a second Project on the same file for another thread.
namespace quire {

namespace sql {
class Connection;
}
namespace project_detail {
class Journal;
struct Access;
}  // namespace project_detail

// How many levels a code tree may nest (a top-level code is on level 1). The one limit for
// creating a code, moving one under another, importing a codebook and reading a code's path:
// any tree Quire builds it can also read and exchange.
constexpr int kMaxCodeDepth = 200;

struct ImportOptions {
    std::optional<std::string> name;      // default: the file name without its extension
    std::optional<std::string> encoding;  // plain text only: skip detection
    std::vector<std::pair<std::string, std::string>> attributes;  // set on the document
};

struct ImportOutcome {
    Document document;
    bool duplicate = false;  // the same text was already in the project: nothing added
    std::string encoding;    // what was assumed ("UTF-8", "windows-1252", "docx", ...)
};

struct ApplyOutcome {
    Coding coding;
    bool existed = false;  // an identical coding was already there: nothing added
};

struct CsvCodingsOutcome {
    int added = 0;
    int already_present = 0;
};

// One coding as agreement reads it by the hundred thousand: no GUID, date or memo.
struct CodingRow {
    Id document = 0;
    Id code = 0;
    Id coder = 0;
    std::int64_t start = 0;
    std::int64_t end = 0;
};

// A stored agreement run as the project file keeps it (core/project_agreement reads it).
struct AgreementRunRecord {
    Id id = 0;
    std::string created_at;
    std::string parameters;  // JSON
    std::string result;      // JSON, as stored
    std::string overall;     // JSON: the result's `overall` object alone
};

// One value of an attribute: on a document, or on a case.
struct AttributeAssignment {
    std::optional<Id> document;
    std::optional<Id> case_id;
    std::string value;
};

// A memo with what it is attached to, for listings and exports.
struct MemoEntry {
    Memo memo;
    std::string kind;         // "project", "document", "code", "coding" or "case"
    std::string attached_to;  // the project's, document's or case's name, the code's path,
                              // "coding N in DOC"
    std::string author;       // the coder's name; empty when the memo has none
};

// A query kept in the project by name: its text, who saved it and when (UTC, ISO 8601).
// Rerunning it answers on the codings of the day (core/query/query.h).
struct SavedQuery {
    Id id = 0;
    std::string guid;
    std::string name;
    std::string expression;
    std::string saved_by;
    std::string saved_at;
};

// "project", "document", "code", "coding", "case".
const char* memo_kind(Memo::Target target);

// The stored form of a value of an attribute of this type ("Yes" becomes "true" for a
// boolean, " 42 " becomes "42"). Throws InvalidInputError, naming `attribute`, when the value
// does not fit the type.
std::string canonical_attribute_value(AttributeType type, const std::string& attribute,
                                      const std::string& value);

// A set of documents ("staff", "referrers", "case files") that chooses documents for
// listings, searches and comparisons. A document may be in several groups or none.
struct DocumentGroup {
    Id id = 0;
    std::string guid;
    std::string name;
    std::string description;
    int position = 0;
    std::int64_t documents = 0;  // how many documents it holds
};

struct CodingFilter {
    std::optional<Id> document_id;
    // When set, only codings of these documents (an empty list: none); with document_id,
    // both must hold. Document groups choose documents this way.
    std::optional<std::vector<Id>> documents;
    std::optional<Id> code_id;
    bool include_child_codes = false;
    std::optional<Id> coder_id;
    // Any of several (retrieval chooses many codes at once); empty lists leave the filter
    // to the fields above. include_child_codes widens code_ids too.
    std::vector<Id> code_ids;
    std::vector<Id> coder_ids;
    // Codings in any of these document groups' documents, and within any of these cases:
    // in a document linked to the case whole, or overlapping a passage linked to it.
    std::vector<Id> group_ids;
    std::vector<Id> case_ids;
};

// How much a code holds, in a scope of documents and coders: its own codings, and with its
// child codes'. `documents` counts the documents it occurs in; `covered` the code points it
// covers, overlapping codings counted once.
struct CodeStatistics {
    Id code = 0;
    std::int64_t codings = 0;
    std::int64_t documents = 0;
    std::int64_t covered = 0;
    std::int64_t codings_in_all = 0;
    std::int64_t documents_in_all = 0;
    std::int64_t covered_in_all = 0;
};

struct CodeStatisticsTable {
    std::vector<CodeStatistics> codes;  // in codes() order, every code
    std::int64_t text_length = 0;       // code points of the documents in scope
};

// What one coder sees of the codings (schemas/006_coder_views.sql), kept per project and
// coder so the choice lasts from one session to the next.
struct CoderView {
    // Only the coder's own codings and the consensus layers: independent coding stays
    // independent until the comparison.
    bool blind = false;
    std::vector<Id> hidden_coders;  // layers left out, on top of blind
    std::vector<Id> hidden_codes;   // codes left out, with their child codes
};

class Project {
public:
    // The schema version this build writes and the newest it opens.
    static int current_schema_version();
    // PRAGMA application_id of Quire project files ("Quir").
    static constexpr int kApplicationId = 0x51756972;

    // Creates a new project file; refuses to overwrite an existing file (ConflictError).
    static Project create(const std::string& path, const std::string& name = "");
    // Opens an existing project; upgrades older schemas in place after keeping a copy of the
    // file as it was beside it (core/project/upgrade_copy.h; no copy, no upgrade), refuses
    // newer ones and files that are not Quire projects. A file SQLite cannot open or read
    // (locked, unreadable, in a folder where its journal cannot be kept) is a
    // ProjectFileError that says which. `wait` is how long it waits for another program
    // holding the file (then ProjectBusyError), and what set_wait() starts with.
    static Project open(const std::string& path,
                        std::chrono::milliseconds wait = std::chrono::seconds(30));

    // The GUID of the Quire project at `path`, read without changing the file in any way
    // (no upgrade, no journal change); nullopt when there is no such file, it is not a Quire
    // project or it cannot be read. Throws nothing but std::bad_alloc.
    static std::optional<std::string> guid_of(const std::string& path);

    Project(Project&&) noexcept;
    Project& operator=(Project&&) noexcept;
    ~Project();

    const std::string& path() const;
    ProjectInfo info();
    void set_project_name(const std::string& name, const std::string& description);
    // The language of the transcripts, as an ISO 639-1 code ("en", "fr"); search stems
    // words with it (languages without a stemmer are searched unstemmed). Throws
    // InvalidInputError for anything but two letters.
    void set_language(const std::string& code);
    // Moves whenever a document is added or removed, by any program: caches built from
    // the documents compare it with the value they were built at.
    std::int64_t documents_generation();

    // Moves whenever another program (or another Project on the same file) commits a
    // change; this Project's own changes leave it as it is. A window compares it to know
    // whether to show the file afresh.
    std::int64_t changes_elsewhere();

    // How long a change waits for another program that is writing to the same file before
    // it fails with ProjectBusyError (default 30 s), and what it says meanwhile: `notice`
    // gets the seconds waited so far, about twice a second, and must not throw.
    void set_wait(std::chrono::milliseconds limit, std::function<void(double seconds)> notice = {});

    // Groups calls into one transaction: committed by commit(), rolled back otherwise.
    // A Write action takes the file's write lock at once (waiting as set_wait says), so
    // two programs changing one project take turns instead of failing. A Read action is one
    // consistent state of the file for a series of reads and leaves other writers free; a
    // change inside it fails with ProjectBusyError when another program wrote meanwhile.
    class Action {
    public:
        enum class Access { Write, Read };
        explicit Action(Project& project, Access access = Access::Write);
        ~Action();
        Action(const Action&) = delete;
        Action& operator=(const Action&) = delete;
        void commit();

    private:
        struct State;
        std::unique_ptr<State> state_;
    };

    // --- documents ---
    // Imports .txt (any common encoding) or .docx by extension.
    ImportOutcome import_file(const std::string& path, const ImportOptions& options = {});
    // Adds text already in memory; it is normalised (LF, NFC) before storing.
    ImportOutcome add_document(const std::string& name, const std::string& text,
                               const std::string& original_name = "",
                               const std::string& format = "txt",
                               const std::string& encoding = "UTF-8");
    std::vector<Document> documents();
    // By exact name, else by numeric id. Throws NotFoundError.
    Document find_document(const std::string& name_or_id);
    Document document(Id id);
    std::string document_text(Id id);
    // Part of the stored text by UTF-8 bytes, read without loading the whole document.
    // Reads keep a handle (and the read snapshot) open until end_text_reads(): call it
    // when done with a series of reads.
    std::string document_text_bytes(Id id, std::int64_t byte_offset, std::int64_t byte_length);
    void end_text_reads();
    // Id and GUID of every document, cheaply (no text is read).
    std::vector<std::pair<Id, std::string>> document_keys();
    std::string document_name(Id id);
    void rename_document(Id id, const std::string& name);
    // Removes the document with its codings, case links, values and memos.
    void delete_document(Id id);

    // --- coders ---
    std::vector<Coder> coders();
    Coder find_coder(const std::string& name);
    // The coder with this name, created on first use.
    Coder ensure_coder(const std::string& name);

    // --- codebook ---
    // Codes in tree order: parents before children, siblings by position.
    std::vector<Code> codes();
    Code code(Id id);
    // By path ("Parent/Child"), by name when unique, else by numeric id.
    Code find_code(const std::string& path_name_or_id);
    std::string code_path(Id id);
    Code add_code(const std::string& name, std::optional<Id> parent = std::nullopt,
                  const CodeFields& fields = {});
    void rename_code(Id id, const std::string& name);
    void update_code(Id id, const CodeFields& fields);
    // Moves under a new parent (nullopt: top level), at `position` among its new siblings
    // (nullopt: last).
    void move_code(Id id, std::optional<Id> new_parent, std::optional<int> position = {});
    // Moves the source's codings (exact duplicates collapse), children and memos to the
    // target, then deletes the source. Returns the number of codings moved.
    int merge_codes(Id source, Id target);
    // Refused while the code or a descendant has codings, unless forced; forcing removes
    // those codings in the same transaction. Children are deleted with the code.
    void delete_code(Id id, bool force = false);
    std::int64_t coding_count(Id code_id, bool include_children = false);

    // --- coding ---
    ApplyOutcome apply_code(Id document, Id code, Id coder, std::int64_t start, std::int64_t end,
                            const std::string& memo = "");
    // The same for many ranges of one document, in one transaction (all or none), the
    // document, code and coder checked once: reading a long transcript's row for each of
    // thousands of ranges made coding every match quadratic. Outcomes in `ranges` order.
    std::vector<ApplyOutcome> apply_code_ranges(Id document, Id code, Id coder,
                                                const std::vector<TextRange>& ranges,
                                                const std::string& memo = "");
    void remove_coding(Id coding_id);
    Coding coding(Id id);
    std::vector<Coding> codings(const CodingFilter& filter = {});
    // Codings with names and text, with up to `context` code points either side.
    std::vector<Segment> segments(const CodingFilter& filter, int context = 60);
    // One coding's segment, its text and context read by code points from the stored text
    // (never the whole document into memory): for showing a few of many thousand codings.
    Segment segment(const Coding& coding, int context = 60);
    // Any range of a document read the same way: the Segment's document, text and context,
    // with no code or coder.
    Segment passage(Id document, const TextRange& range, int context = 60);
    // Code points where `needle` (NFC) occurs in the document, non-overlapping, found in
    // one pass (linear in the text, whatever the needle).
    std::vector<TextRange> find_text(Id document, const std::string& needle);

    // CSV with header document,coder,code,start,end. Import is all or nothing. Names that
    // open like a spreadsheet formula are exported behind an apostrophe, which import takes
    // off again (core/formats/csv.h), so an export reads back exactly.
    CsvCodingsOutcome import_codings_csv(const std::string& csv_text);
    std::string export_codings_csv();

    // --- cases ---
    std::vector<Case> cases();
    Case find_case(const std::string& name);
    Case ensure_case(const std::string& name, const std::string& description = "");
    // Links a whole document (no range) or a segment of it to a case.
    void link_case(Id case_id, Id document, std::optional<std::int64_t> start = {},
                   std::optional<std::int64_t> end = {});
    std::vector<CaseLink> case_links(std::optional<Id> case_id = {});
    // Gives the case another name; ConflictError when another case has it.
    void rename_case(Id case_id, const std::string& name);
    // Removes the case with its links, attribute values and memos; its documents stay.
    void remove_case(Id case_id);
    // Removes the link of the whole document (no range) or of exactly that segment.
    // NotFoundError when the case has no such link.
    void unlink_case(Id case_id, Id document, std::optional<std::int64_t> start = {},
                     std::optional<std::int64_t> end = {});

    // --- attributes ---
    std::vector<Attribute> attributes();
    Attribute ensure_attribute(const std::string& name, AttributeType type = AttributeType::Text);
    // The value is checked and canonicalised for the attribute's type.
    void set_document_attribute(Id document, const std::string& attribute,
                                const std::string& value);
    void set_case_attribute(Id case_id, const std::string& attribute, const std::string& value);
    // Remove the attribute's value from a document or a case. NotFoundError for an unknown
    // attribute or when the owner has no value for it.
    void unset_document_attribute(Id document, const std::string& attribute);
    void unset_case_attribute(Id case_id, const std::string& attribute);
    std::vector<AttributeValue> document_attributes(Id document);
    std::vector<AttributeValue> case_attributes(Id case_id);
    // A text attribute's choices, in order: with them it takes only one of them (matched
    // ignoring case, stored as the choice is spelled); without, any text. Setting them is
    // refused (ConflictError, naming them) while a document or case has a value that is not
    // among them, and for an attribute that is not text (InvalidInputError); an empty list
    // makes it free text again. NotFoundError for an unknown attribute.
    std::vector<std::string> attribute_choices(const std::string& attribute);
    void set_attribute_choices(const std::string& attribute,
                               const std::vector<std::string>& choices);
    // The value as the attribute would store it: canonical for its type and, for a choice
    // attribute, one of its choices. Throws InvalidInputError when it does not fit; an
    // attribute that does not exist yet is checked as text.
    std::string attribute_value(const std::string& attribute, const std::string& value);

    // Every value the attribute has, on documents and on cases. Throws NotFoundError for
    // an unknown attribute.
    std::vector<AttributeAssignment> attribute_assignments(const std::string& attribute);

    // --- document groups ---
    // A new group, last in position order. Throws InvalidInputError for an empty name and
    // ConflictError when a group has that name.
    DocumentGroup add_group(const std::string& name, const std::string& description = "");
    // Every group in position order, each with its member count.
    std::vector<DocumentGroup> groups();
    // By exact name, else by numeric id. Throws NotFoundError.
    DocumentGroup find_group(const std::string& name_or_id);
    // Throws NotFoundError for an unknown group, InvalidInputError for an empty name and
    // ConflictError when another group has the name.
    void rename_group(Id group, const std::string& name);
    // Removes the group and its memberships; its documents stay.
    void remove_group(Id group);
    // Puts the documents into the group; returns how many were not in it before (a
    // document already there is no error and counts nothing). NotFoundError for an unknown
    // group or document: then nobody is assigned.
    int assign_to_group(Id group, const std::vector<Id>& documents);
    // Takes the documents out of the group; returns how many were in it.
    int unassign_from_group(Id group, const std::vector<Id>& documents);
    // The group's documents in documents() order. NotFoundError for an unknown group.
    std::vector<Document> group_documents(Id group);
    // The groups a document is in, in position order. NotFoundError for an unknown document.
    std::vector<DocumentGroup> document_groups(Id document);

    // --- memos ---
    Memo add_memo(Memo::Target target, std::optional<Id> target_id, const std::string& title,
                  const std::string& text, std::optional<Id> coder = {});
    std::vector<Memo> memos();
    // Throws NotFoundError for a missing memo.
    Memo memo(Id id);
    // Replaces the text (NFC), and the title when given; refuses empty text
    // (InvalidInputError). Moves updated_at.
    Memo edit_memo(Id id, const std::string& text,
                   const std::optional<std::string>& title = std::nullopt);
    void remove_memo(Id id);
    // Every memo with what it is attached to and its author, by id.
    std::vector<MemoEntry> memo_entries();

    // Moves a coding to another range of its document and/or another code, keeping its
    // identity (GUID), coder and memo: adjusting boundaries and recoding. InvalidInputError
    // for an empty range or one outside the document; ConflictError for a grouping code or
    // when the coder already has exactly that coding; NotFoundError for a missing coding or
    // code.
    Coding change_coding(Id coding_id, std::optional<TextRange> range, std::optional<Id> code = {});

    // How many codings each document has (documents without any are left out); one pass
    // over the index the codings are kept in.
    std::map<Id, std::int64_t> coding_counts_by_document();
    std::int64_t coding_count_in_document(Id document);

    // Counts per code over the codings `filter` chooses (its document and coder fields; its
    // code fields are ignored): one pass over those codings, n log n in their number.
    CodeStatisticsTable code_statistics(const CodingFilter& filter = {});

    // --- what each coder sees ---
    // A coder without a stored view sees everything. NotFoundError for a missing coder.
    CoderView coder_view(Id coder);
    // Replaces the coder's view. A preference, not work: not in the journal, not undone.
    void set_coder_view(Id coder, const CoderView& view);
    // Consensus coders hold the team's agreed version (agreement's adopt writes it); blind
    // coders still see them.
    void set_consensus_coder(Id coder, bool consensus = true);
    std::vector<Id> consensus_coders();
    // The coders whose codings `viewer`'s view shows, by id.
    std::vector<Id> visible_coders(Id viewer);

    // --- identity ---
    // Gives an entity the GUID it had in the file it came from (REFI-QDA import keeps them,
    // so that a merge recognises them), unless another entity of its kind has that GUID
    // already; true when it did. `kind`: "coder", "code", "document", "case", "attribute",
    // "coding" or "memo". InvalidInputError for another kind or a malformed GUID.
    bool keep_guid(const std::string& kind, Id id, const std::string& guid);

    // --- saved queries ---
    // Stores `expression` under `name` with the journal's actor and the time. A name already
    // saved is a ConflictError unless `replace`, which keeps its identity and moves its
    // time. InvalidInputError for an empty name or expression. The expression is stored as
    // typed; it is checked by whoever runs it.
    SavedQuery save_query(const std::string& name, const std::string& expression,
                          bool replace = false);
    // By name.
    std::vector<SavedQuery> saved_queries();
    // By exact name, else by numeric id. Throws NotFoundError.
    SavedQuery find_saved_query(const std::string& name_or_id);
    void remove_saved_query(Id id);

    // Moves whenever a coding is added, changed or removed, by any program: the in-memory
    // structure queries run on compares it with the value it was built at.
    std::int64_t codings_generation();
    // Every coding, as (document, code, coder, start, end) in that order: one scan of the
    // index that keeps them unique.
    std::vector<CodingRow> all_coding_rows();
    // One code's codings (not its children's), by document: a seek in the index by code.
    std::vector<CodingRow> code_coding_rows(Id code);

    // --- code sets ---
    CodeSet add_code_set(const std::string& name, const std::vector<Id>& codes,
                         const std::string& description = "");
    std::vector<CodeSet> code_sets();

    // --- agreement runs ---
    // Appends the document's codings, of the given codes only unless `codes` is empty, in
    // the order of the index that reads them. One index seek per call.
    void append_coding_rows(Id document, const std::vector<Id>& codes, std::vector<CodingRow>& out);
    // Stores a run in one transaction. `result_for` makes the stored result from the new
    // run's id (reports name their run). Returns the id.
    Id add_agreement_run(const std::string& created_at, const std::string& parameters,
                         const std::function<std::string(Id)>& result_for);
    // Stored runs, oldest first.
    std::vector<AgreementRunRecord> agreement_runs();

    // --- journal: undo and redo ---
    // Every change of the project's content is journaled as it commits: one entry per
    // outermost transaction (a method call, or a Project::Action), in that transaction, with
    // who, when, what and what changed. Agreement runs are a record, not journaled.
    // Who the entries that follow name (default: the system user), and what they call the
    // action ("code apply", "Rename Code") until set again.
    void set_actor(const std::string& who);
    void set_action_label(const std::string& what);
    // The entry undo() (redo()) would take back or bring back; nullopt when there is none.
    std::optional<JournalEntry> next_undo();
    std::optional<JournalEntry> next_redo();
    // Takes back the newest done action, or brings back the last undone one, in one
    // transaction, and returns its entry as it now is. A new action after undoing ends the
    // way back (the undone entries stay in the log, "discarded"). The newest
    // kUndoDepth actions can be undone, whichever program did them, also after a restart.
    // NotFoundError when there is nothing to undo (redo); ConflictError, with nothing
    // changed, when a program that keeps no journal changed the project since in a way the
    // action contradicts.
    JournalEntry undo();
    JournalEntry redo();
    static constexpr int kUndoDepth = 100;
    // Newest first; `limit` 0 for every entry.
    std::vector<JournalEntry> journal(std::size_t limit = 0);
    // The audit trail: entries chosen by `filter`, newest first, merged ones by their time.
    std::vector<JournalEntry> journal(std::size_t limit, const JournalFilter& filter);

private:
    friend struct project_detail::Access;  // core/project's own files beyond this class
    explicit Project(std::unique_ptr<sql::Connection> db);
    std::unique_ptr<sql::Connection> db_;
    std::unique_ptr<project_detail::Journal> journal_;
};

}  // namespace quire
