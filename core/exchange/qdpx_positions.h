// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Internal to core/exchange: REFI-QDA positions, as each tool counts them in its plain text,
// converted to code points of the text Quire stores (LF line ends, NFC). Never throws except
// std::bad_alloc: a position without an exact counterpart maps to nullopt.
namespace quire::exchange::qdpx {

// How a tool counted positions in its plain text.
struct PositionModel {
    bool utf16 = false;        // UTF-16 code units instead of code points
    bool crlf_as_one = false;  // CR LF counted as one character

    bool operator==(const PositionModel& o) const {
        return utf16 == o.utf16 && crlf_as_one == o.crlf_as_one;
    }
    std::string describe() const;
};

struct ToolProfile {
    PositionModel model;
    std::string tool;  // for messages
};

// How the tool named by a project's origin attribute counts (NVivo for Windows: UTF-16;
// ATLAS.ti: CRLF as one); the standard's code points for any other.
ToolProfile profile_for_origin(const std::string& origin);

// A source's text as the tool had it, and a map from its positions to our stored text.
class SourceText {
public:
    explicit SourceText(std::string original);

    const std::string& original() const { return original_; }
    const std::string& stored() const { return stored_; }
    bool has_crlf() const { return has_crlf_; }
    bool has_astral() const { return has_astral_; }
    // False when the stored text could not be derived position by position; then no
    // position maps.
    bool mappable() const { return mappable_; }

    // Stored code point of a tool position, or nullopt when it has no exact counterpart
    // (outside the text, inside a surrogate pair, a CRLF or a recomposed character).
    std::optional<std::int64_t> map(std::int64_t position, const PositionModel& model) const;

    // The models that give different answers for this text, the preferred one first.
    std::vector<PositionModel> candidate_models(const PositionModel& preferred) const;

    // The preferred model reduced to what matters for this text.
    PositionModel effective(const PositionModel& m) const {
        return {m.utf16 && has_astral_, m.crlf_as_one && has_crlf_};
    }

private:
    const std::vector<std::int64_t>& units_for(const PositionModel& model) const;
    void build_storage_map();

    std::string original_;
    std::vector<char32_t> cps_;
    std::string stored_;
    std::vector<std::int64_t> to_stored_;
    mutable std::map<int, std::vector<std::int64_t>> units_cache_;
    bool has_crlf_ = false;
    bool has_astral_ = false;
    bool mappable_ = true;
    // The original is already the stored text: positions map to themselves, and cps_ and
    // to_stored_ stay empty.
    bool identity_ = false;
    std::int64_t code_points_ = 0;  // when identity_
};

// Whitespace-insensitive comparison text: NFC, runs of blanks as one space, trimmed; empty
// for invalid UTF-8.
std::string comparable(std::string_view s);

enum class QuoteCheck { kVerified, kUnverifiable, kMismatch };

// Some tools put the selected text (or its beginning) in the selection's name. A name that
// is quoted text from elsewhere in the document proves the positions wrong; a name that
// does not occur in the text is a label and proves nothing.
QuoteCheck check_quote(const std::string& name, const std::string& segment,
                       const std::string& comparable_document);

}  // namespace quire::exchange::qdpx
