// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <pugixml.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/exchange/qdpx_codebook.h"
#include "core/exchange/qdpx_import.h"
#include "core/exchange/qdpx_package.h"
#include "core/exchange/qdpx_positions.h"
#include "core/project/project.h"
#include "core/text/unicode.h"

// Internal to core/exchange: reads a REFI-QDA <Project> into a project, one pass in the
// schema's order (users, codebook, variables, sources, cases, notes, sets), and reports
// what it adjusted or skipped. Its definitions are split by section: qdpx_import.cpp
// (users, variables, cases, notes) and qdpx_sources.cpp (sources, selections, codings).
// May throw any quire::Error; the caller holds the transaction.
namespace quire::exchange::qdpx {

// Position maps hold a few integers per character; larger texts are not transcripts.
constexpr std::size_t kMaxSourceTextBytes = 64 * kMiB;

class ProjectImporter {
public:
    ProjectImporter(Project& project, Package& package, ImportReport& report);

    void run(const pugi::xml_node& root);

private:
    using ValueSetter = std::function<void(const std::string&, const std::string&)>;

    struct SelectionPlace {
        Id document = 0;
        std::int64_t start = 0;
        std::int64_t end = 0;
    };

    struct Target {
        Memo::Target kind = Memo::Target::Project;
        std::optional<Id> id;
    };

    // --- names, users and variables (qdpx_import.cpp) ---
    void load_existing_names();
    void import_users(const pugi::xml_node& users);
    Id coder_for(std::initializer_list<std::string> guids);
    void import_variables(const pugi::xml_node& variables);
    std::optional<std::pair<std::string, std::string>> variable_value(const pugi::xml_node& value,
                                                                      const std::string& owner);
    void apply_values(const pugi::xml_node& owner_node, const std::string& owner,
                      const ValueSetter& set);

    // --- sources, selections and codings (qdpx_sources.cpp) ---
    std::optional<std::string> source_bytes(const pugi::xml_node& node, std::string& why);
    std::string source_name(const pugi::xml_node& source, const pugi::xml_node& text_node);
    void import_source(const pugi::xml_node& source);
    void note_non_text_selections(const pugi::xml_node& source, const char* selection,
                                  const std::string& label);
    std::optional<Id> import_text(const pugi::xml_node& source, const pugi::xml_node& text_node,
                                  const std::string& wanted_name, const std::string& label);
    std::optional<std::string> read_source_text(const pugi::xml_node& text_node,
                                                const std::string& wanted_name,
                                                const std::string& label);
    void skip_unimported_text(const pugi::xml_node& text_node, const std::string& reason,
                              const std::string& label);
    Id add_source_document(const pugi::xml_node& source, const pugi::xml_node& text_node,
                           const std::string& wanted_name, const std::string& label,
                           const std::string& utf8);
    void import_codings_of(const pugi::xml_node& text_node, Id doc, const SourceText& source_text,
                           const std::string& label);
    void keep_memos_of_unimported(const std::vector<pugi::xml_node>& selections,
                                  const std::string& label);
    std::string skipped_codings_note(const pugi::xml_node& text_node);
    PositionModel choose_model(const SourceText& text,
                               const std::vector<pugi::xml_node>& selections,
                               const std::string& label);
    void import_selection(const pugi::xml_node& selection, const std::string& start_attr,
                          const std::string& end_attr, Id doc, const SourceText& text,
                          const PositionModel& model, const std::string& doc_text,
                          const text::OffsetMap& offsets, const std::string& comparable_document,
                          const std::string& label);
    // `memo` (the selection's comment) becomes the new coding's memo.
    std::optional<Id> apply_coding(const pugi::xml_node& coding, Id doc, std::int64_t start,
                                   std::int64_t end, const std::string& where,
                                   const pugi::xml_node& selection, const std::string& memo = "");
    static std::string selection_comment(const pugi::xml_node& selection);
    // A comment no coding took: a memo on the document, else on the project.
    void keep_selection_memo(const pugi::xml_node& selection, std::optional<Id> doc,
                             const std::string& where);
    void report_model_adjustments();
    void report_codeless_selections();

    // --- cases and notes (qdpx_import.cpp) ---
    void import_cases(const pugi::xml_node& cases);
    std::optional<Target> target_of(const std::string& guid);
    void collect_note_targets(const pugi::xml_node& root);
    void import_notes(const pugi::xml_node& root);

    Project& project_;
    Package& package_;
    ImportReport& report_;
    ToolProfile profile_;
    std::string project_creator_;
    std::optional<Id> fallback_coder_;
    int unnamed_sources_ = 0;
    int unnamed_cases_ = 0;
    bool paths_without_scheme_ = false;
    std::vector<std::string> bom_sources_;
    std::map<std::string, std::vector<std::string>> model_notes_;

    CodebookReader codebook_;
    std::set<std::string> document_names_, case_names_;
    std::map<std::string, AttributeType> attributes_;

    std::unordered_map<std::string, Id> coder_by_guid_, document_by_guid_, case_by_guid_,
        coding_by_guid_;
    std::unordered_map<std::string, std::string> variable_by_guid_;
    std::unordered_map<std::string, SelectionPlace> place_by_guid_;
    std::set<std::string> coded_selections_;
    std::vector<std::pair<std::string, std::string>> codeless_selections_;
    std::vector<std::pair<std::string, std::string>> pending_non_text_;
    std::unordered_map<std::string, std::vector<std::string>> note_targets_;
};

}  // namespace quire::exchange::qdpx
