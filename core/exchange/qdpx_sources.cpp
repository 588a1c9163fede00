// SPDX-License-Identifier: GPL-3.0-or-later
// The sources part of ProjectImporter: texts, their selections and codings.
#include <algorithm>
#include <filesystem>

#include "core/base/errors.h"
#include "core/exchange/qdpx_project_importer.h"
#include "core/exchange/qdpx_reading.h"
#include "core/text/encoding.h"

namespace quire::exchange::qdpx {

// The text of a TextSource-like element: its file, else its inline PlainTextContent.
std::optional<std::string> ProjectImporter::source_bytes(const pugi::xml_node& node,
                                                         std::string& why) {
    const std::string path = attr(node, "plainTextPath");
    if (!trim(path).empty()) {
        bool scheme_missing = false;
        std::string file_why;
        auto bytes = package_.read_referenced(path, file_why, scheme_missing, kMaxSourceTextBytes);
        if (bytes) {
            if (scheme_missing) {
                paths_without_scheme_ = true;
            }
            return bytes;
        }
        why = file_why;
    }
    if (const pugi::xml_node content = child(node, "PlainTextContent")) {
        return std::string(element_text(content));
    }
    if (why.empty()) {
        why = "it has neither a plain-text file nor inline text";
    }
    return std::nullopt;
}

std::string ProjectImporter::source_name(const pugi::xml_node& source,
                                         const pugi::xml_node& text_node) {
    std::string fallback = std::filesystem::path(attr(text_node, "plainTextPath")).stem();
    if (fallback.empty()) {
        fallback = "Source " + std::to_string(++unnamed_sources_);
    }
    return one_line(attr(source, "name"), one_line(fallback, "Source"));
}

void ProjectImporter::import_source(const pugi::xml_node& source) {
    if (source.type() != pugi::node_element) {
        return;
    }
    const std::string kind(local_name(source.name()));
    const std::string name = one_line(attr(source, "name"), "");
    const std::string label =
        (kind == "TextSource" ? "source " : kind + " ") + in_quotes(name.empty() ? "?" : name);
    if (kind == "TextSource") {
        import_text(source, source, source_name(source, source), label);
    } else if (kind == "PDFSource" || kind == "PictureSource") {
        const pugi::xml_node text_node =
            child(source, kind == "PDFSource" ? "Representation" : "TextDescription");
        if (text_node) {
            import_text(source, text_node, source_name(source, text_node), label);
        } else {
            report_.skipped.push_back(label + ": not imported: Quire holds text only and " +
                                      "the file has no text representation of it");
        }
        note_non_text_selections(source, kind == "PDFSource" ? "PDFSelection" : "PictureSelection",
                                 label);
    } else if (kind == "AudioSource" || kind == "VideoSource") {
        const auto transcripts = children(source, "Transcript");
        int n = 0;
        for (const pugi::xml_node transcript : transcripts) {
            ++n;
            std::string doc_name = source_name(source, transcript);
            if (transcripts.size() > 1) {
                doc_name += " (transcript " + std::to_string(n) + ")";
            }
            import_text(source, transcript, doc_name, label + " transcript");
        }
        if (transcripts.empty()) {
            report_.skipped.push_back(label + ": not imported: Quire holds text only and " +
                                      "the file has no transcript of it");
        }
        note_non_text_selections(
            source, kind == "AudioSource" ? "AudioSelection" : "VideoSelection", label);
    } else {
        report_.skipped.push_back("<" + kind + "> in Sources: unknown kind of source");
    }
}

void ProjectImporter::note_non_text_selections(const pugi::xml_node& source, const char* selection,
                                               const std::string& label) {
    for (const pugi::xml_node s : children(source, selection)) {
        if (s.find_child([](const pugi::xml_node& n) { return is(n, "Coding"); })) {
            pending_non_text_.push_back({guid_of(s), label + ": " + selection + " " +
                                                         in_quotes(one_line(attr(s, "name"), "?")) +
                                                         " not imported: Quire codes text only"});
        }
    }
}

// Imports the text of `text_node` as a document with its selections and codings.
std::optional<Id> ProjectImporter::import_text(const pugi::xml_node& source,
                                               const pugi::xml_node& text_node,
                                               const std::string& wanted_name,
                                               const std::string& label) {
    const std::optional<std::string> utf8 = read_source_text(text_node, wanted_name, label);
    if (!utf8) {
        return std::nullopt;
    }
    const SourceText source_text(*utf8);
    if (trim(source_text.stored()).empty()) {
        skip_unimported_text(text_node, "its text is empty", label);
        return std::nullopt;
    }
    const Id doc = add_source_document(source, text_node, wanted_name, label, *utf8);
    import_codings_of(text_node, doc, source_text, label);
    return doc;
}

// The source's text as UTF-8, or nullopt when it is missing, empty, too large or cannot be
// decoded (each reported).
std::optional<std::string> ProjectImporter::read_source_text(const pugi::xml_node& text_node,
                                                             const std::string& wanted_name,
                                                             const std::string& label) {
    std::string why;
    std::optional<std::string> bytes = source_bytes(text_node, why);
    if (!bytes) {
        skip_unimported_text(text_node, why, label);
        return std::nullopt;
    }
    if (trim(*bytes).empty()) {
        skip_unimported_text(text_node, "its text is empty", label);
        return std::nullopt;
    }
    if (bytes->size() > kMaxSourceTextBytes) {
        report_.skipped.push_back(label + ": not imported: its text is larger than 64 MiB");
        return std::nullopt;
    }
    try {
        text::DecodedText decoded = text::decode_text(*bytes);
        if (decoded.had_bom) {
            bom_sources_.push_back(wanted_name);
        }
        if (decoded.encoding != "UTF-8") {
            report_.adjusted.push_back(label + ": text read as " + decoded.encoding +
                                       " (REFI-QDA requires UTF-8)");
        }
        return std::move(decoded.utf8);
    } catch (const ImportError& e) {
        report_.skipped.push_back(label + ": not imported: its text cannot be decoded (" +
                                  e.what() + ")");
        return std::nullopt;
    }
}

// Reports a source whose text is not imported, with the codings lost on it; the comments on
// its selections stay as memos.
void ProjectImporter::skip_unimported_text(const pugi::xml_node& text_node,
                                           const std::string& reason, const std::string& label) {
    report_.skipped.push_back(label + ": not imported: " + reason +
                              skipped_codings_note(text_node));
    keep_memos_of_unimported(children(text_node, "PlainTextSelection"), label);
}

// The document for a source's text (an existing one when the text is already in the
// project), with the source's GUIDs, description and variable values.
Id ProjectImporter::add_source_document(const pugi::xml_node& source,
                                        const pugi::xml_node& text_node,
                                        const std::string& wanted_name, const std::string& label,
                                        const std::string& utf8) {
    const std::string doc_name =
        pick_unique_name(report_, wanted_name, "document",
                         [&](const std::string& n) { return document_names_.count(n) > 0; });
    const ImportOutcome outcome = project_.add_document(
        doc_name, utf8, one_line(attr(source, "name"), doc_name), "txt", "UTF-8");
    const Id doc = outcome.document.id;
    if (outcome.duplicate) {
        report_.adjusted.push_back(label + ": same text as document " +
                                   in_quotes(outcome.document.name) +
                                   "; its codings were added there");
    } else {
        document_names_.insert(doc_name);
        ++report_.sources;
        keep_file_guid(project_, "document", doc, guid_of(source));
    }
    for (const std::string& guid : {guid_of(source), guid_of(text_node)}) {
        if (!guid.empty()) {
            document_by_guid_.emplace(guid, doc);
        }
    }
    const std::string description = trim(element_text(child(source, "Description")));
    if (!description.empty() && text::is_valid_utf8(description)) {
        project_.add_memo(Memo::Target::Document, doc, "Description", description);
        ++report_.notes;
    }
    apply_values(source, label, [&](const std::string& a, const std::string& v) {
        project_.set_document_attribute(doc, a, v);
    });
    return doc;
}

// Codings of the whole text, then of its plain-text and transcript selections.
void ProjectImporter::import_codings_of(const pugi::xml_node& text_node, Id doc,
                                        const SourceText& source_text, const std::string& label) {
    const std::string doc_text = project_.document_text(doc);
    const std::int64_t length = text::code_point_count(doc_text);
    // Codings of the whole source.
    for (const pugi::xml_node coding : children(text_node, "Coding")) {
        apply_coding(coding, doc, 0, length, label + " (whole text)", text_node);
    }
    const auto selections = children(text_node, "PlainTextSelection");
    if (selections.empty() && children(text_node, "TranscriptSelection").empty()) {
        return;
    }
    const PositionModel model = choose_model(source_text, selections, label);
    const std::string comparable_document = comparable(source_text.stored());
    const text::OffsetMap offsets(doc_text);
    for (const pugi::xml_node selection : selections) {
        import_selection(selection, attr(selection, "startPosition"),
                         attr(selection, "endPosition"), doc, source_text, model, doc_text, offsets,
                         comparable_document, label);
    }
    // Transcript selections are delimited by sync points, which hold text positions.
    std::unordered_map<std::string, std::string> sync_positions;
    for (const pugi::xml_node sync : children(text_node, "SyncPoint")) {
        sync_positions[guid_of(sync)] = attr(sync, "position");
    }
    for (const pugi::xml_node selection : children(text_node, "TranscriptSelection")) {
        const auto from = sync_positions.find(normalize_guid(attr(selection, "fromSyncPoint")));
        const auto to = sync_positions.find(normalize_guid(attr(selection, "toSyncPoint")));
        import_selection(selection, from == sync_positions.end() ? "" : from->second,
                         to == sync_positions.end() ? "" : to->second, doc, source_text, model,
                         doc_text, offsets, comparable_document, label);
    }
}

// Comments on selections of a source that could not be imported stay as project memos.
void ProjectImporter::keep_memos_of_unimported(const std::vector<pugi::xml_node>& selections,
                                               const std::string& label) {
    for (const pugi::xml_node selection : selections) {
        keep_selection_memo(selection, std::nullopt,
                            label + " [" + attr(selection, "startPosition") + ", " +
                                attr(selection, "endPosition") + ")");
    }
}

std::string ProjectImporter::skipped_codings_note(const pugi::xml_node& text_node) {
    int count = 0;
    for (const pugi::xml_node s : children(text_node, "PlainTextSelection")) {
        count += static_cast<int>(children(s, "Coding").size());
    }
    if (count == 0) {
        return {};
    }
    return " (" + std::to_string(count) + (count == 1 ? " coding" : " codings") +
           " on it not imported)";
}

PositionModel ProjectImporter::choose_model(const SourceText& text,
                                            const std::vector<pugi::xml_node>& selections,
                                            const std::string& label) {
    const PositionModel preferred = text.effective(profile_.model);
    PositionModel best = preferred;
    const auto candidates = text.candidate_models(preferred);
    if (candidates.size() > 1) {
        int best_verified = -1;
        for (const PositionModel& m : candidates) {
            int verified = 0;
            for (const pugi::xml_node s : selections) {
                const auto start = parse_integer(attr(s, "startPosition"));
                const auto end = parse_integer(attr(s, "endPosition"));
                if (!start || !end) {
                    continue;
                }
                const auto a = text.map(*start, m);
                const auto b = text.map(*end, m);
                if (!a || !b || *a >= *b) {
                    continue;
                }
                const std::string segment = text::slice(text.stored(), *a, *b);
                if (check_quote(attr(s, "name"), segment, "") == QuoteCheck::kVerified) {
                    ++verified;
                }
            }
            if (verified > best_verified) {
                best_verified = verified;
                best = m;
            }
        }
    }
    if (best.utf16 || best.crlf_as_one || !(best == preferred)) {
        std::string why = best == preferred ? "(" + profile_.tool + ")"
                                            : "(the quoted text of its selections fits)";
        model_notes_[best.describe() + " " + why].push_back(label);
    }
    return best;
}

void ProjectImporter::import_selection(const pugi::xml_node& selection,
                                       const std::string& start_attr, const std::string& end_attr,
                                       Id doc, const SourceText& text, const PositionModel& model,
                                       const std::string& doc_text, const text::OffsetMap& offsets,
                                       const std::string& comparable_document,
                                       const std::string& label) {
    const std::string guid = guid_of(selection);
    const auto codings = children(selection, "Coding");
    const std::string where = label + " [" + start_attr + ", " + end_attr + ")";
    auto skip = [&](const std::string& reason) {
        if (codings.empty()) {
            report_.skipped.push_back(where + ": selection not imported: " + reason);
        } else {
            report_.skipped.push_back(where + ": " + std::to_string(codings.size()) +
                                      (codings.size() == 1 ? " coding" : " codings") +
                                      " not imported: " + reason);
        }
        keep_selection_memo(selection, doc, where);
    };
    const auto start = parse_integer(start_attr);
    const auto end = parse_integer(end_attr);
    if (!start || !end) {
        skip("its positions are missing or not whole numbers");
        return;
    }
    if (*start >= *end) {
        skip("the range is empty or reversed");
        return;
    }
    if (!text.mappable()) {
        skip("the text could not be mapped to Quire's normalised text");
        return;
    }
    const auto a = text.map(*start, model);
    const auto b = text.map(*end, model);
    if (!a || !b) {
        skip(
            "the range lies outside the text or does not fall on character boundaries "
            "(" +
            model.describe() + ")");
        return;
    }
    if (*a >= *b) {
        skip("the range covers only a line break that Quire stores differently");
        return;
    }
    const std::string segment = std::string(
        doc_text.substr(static_cast<std::size_t>(offsets.byte_of(*a)),
                        static_cast<std::size_t>(offsets.byte_of(*b) - offsets.byte_of(*a))));
    if (check_quote(attr(selection, "name"), segment, comparable_document) ==
        QuoteCheck::kMismatch) {
        skip("the text at these positions differs from the quoted text " +
             in_quotes(one_line(attr(selection, "name"), "")));
        return;
    }
    place_by_guid_[guid] = {doc, *a, *b};
    // The selection's comment is the memo of each coding made from it, where `segments`
    // and the workbench show a coding's memo, and where Quire's export writes it.
    const std::string comment = selection_comment(selection);
    std::optional<Id> first_coding;
    for (const pugi::xml_node coding : codings) {
        const auto id = apply_coding(coding, doc, *a, *b, where, selection, comment);
        if (id && !first_coding) {
            first_coding = id;
        }
    }
    if (first_coding) {
        coded_selections_.insert(guid);
        coding_by_guid_[guid] = *first_coding;
        if (!comment.empty()) {
            ++report_.notes;
        }
    } else {
        if (codings.empty()) {
            codeless_selections_.push_back({guid, where});
        }
        keep_selection_memo(selection, doc, where);
    }
}

std::optional<Id> ProjectImporter::apply_coding(const pugi::xml_node& coding, Id doc,
                                                std::int64_t start, std::int64_t end,
                                                const std::string& where,
                                                const pugi::xml_node& selection,
                                                const std::string& memo) {
    const std::string code_guid = normalize_guid(attr(child(coding, "CodeRef"), "targetGUID"));
    const std::optional<Id> code = codebook_.code(code_guid);
    if (!code) {
        report_.skipped.push_back(where +
                                  ": coding not imported: its code is not in the "
                                  "codebook");
        return std::nullopt;
    }
    const Id coder = coder_for({attr(coding, "creatingUser"), attr(selection, "creatingUser")});
    try {
        const ApplyOutcome outcome = project_.apply_code(doc, *code, coder, start, end, memo);
        if (!outcome.existed) {
            ++report_.codings;
            keep_file_guid(project_, "coding", outcome.coding.id, guid_of(coding));
        } else if (!memo.empty() && outcome.coding.memo != memo) {
            // The coding was there already with a memo of its own: the comment goes beside it.
            project_.add_memo(
                Memo::Target::Coding, outcome.coding.id,
                "Comment on " + in_quotes(one_line(attr(selection, "name"), "selection")), memo);
        }
        const std::string guid = guid_of(coding);
        if (!guid.empty()) {
            coding_by_guid_[guid] = outcome.coding.id;
        }
        return outcome.coding.id;
    } catch (const ConflictError& e) {
        report_.skipped.push_back(where + ": coding with " +
                                  in_quotes(codebook_.code_name(code_guid)) +
                                  " not imported: " + e.what());
    }
    return std::nullopt;
}

// ATLAS.ti keeps a quotation's comment as the selection's Description (and Quire a coding's
// memo): kept as written, or empty when it is blank or not UTF-8.
std::string ProjectImporter::selection_comment(const pugi::xml_node& selection) {
    const std::string text = element_text(child(selection, "Description"));
    if (trim(text).empty() || !text::is_valid_utf8(text)) {
        return {};
    }
    return text;
}

void ProjectImporter::keep_selection_memo(const pugi::xml_node& selection, std::optional<Id> doc,
                                          const std::string& where) {
    const std::string text = trim(selection_comment(selection));
    if (text.empty()) {
        return;
    }
    const std::string title =
        "Comment on " + in_quotes(one_line(attr(selection, "name"), "selection"));
    if (doc) {
        project_.add_memo(Memo::Target::Document, *doc, title, text);
        report_.adjusted.push_back(where + ": its comment was attached to the document");
    } else {
        project_.add_memo(Memo::Target::Project, std::nullopt, title, text);
        report_.adjusted.push_back(where + ": its comment was kept as a project memo");
    }
    ++report_.notes;
}

void ProjectImporter::report_model_adjustments() {
    for (const auto& [what, labels] : model_notes_) {
        std::string list;
        for (std::size_t i = 0; i < labels.size() && i < 5; ++i) {
            list += (i ? ", " : "") + labels[i];
        }
        if (labels.size() > 5) {
            list += " and " + std::to_string(labels.size() - 5) + " more";
        }
        report_.adjusted.push_back(what + ": " + list);
    }
    if (!bom_sources_.empty()) {
        report_.adjusted.push_back(std::to_string(bom_sources_.size()) +
                                   " source text(s) began with a byte order mark; it was "
                                   "removed and not counted in positions");
    }
    if (paths_without_scheme_) {
        report_.adjusted.push_back(
            "source paths without \"internal://\" were looked up inside the archive");
    }
}

// A selection without codings (MAXQDA writes them) has nothing to import in Quire,
// unless the same selection is coded elsewhere (e.g. the text layer of a PDF area).
void ProjectImporter::report_codeless_selections() {
    for (const auto& [guid, where] : codeless_selections_) {
        if (guid.empty() || !coded_selections_.count(guid)) {
            report_.skipped.push_back(where + ": selection without a code: nothing to import");
        }
    }
    for (const auto& [guid, message] : pending_non_text_) {
        if (guid.empty() || !coded_selections_.count(guid)) {
            report_.skipped.push_back(message);
        }
    }
}

}  // namespace quire::exchange::qdpx
