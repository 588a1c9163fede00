// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/exchange/qdpx_positions.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <utility>

#include "core/base/errors.h"
#include "core/exchange/qdpx_reading.h"
#include "core/text/unicode.h"

namespace quire::exchange::qdpx {
namespace {

// UTF-8 to code points; the input is already validated.
std::vector<char32_t> decode_utf8(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto lead = static_cast<unsigned char>(s[i]);
        std::size_t length = 1;
        char32_t cp = lead;
        if (lead >= 0xF0) {
            length = 4;
            cp = lead & 0x07u;
        } else if (lead >= 0xE0) {
            length = 3;
            cp = lead & 0x0Fu;
        } else if (lead >= 0xC0) {
            length = 2;
            cp = lead & 0x1Fu;
        }
        for (std::size_t k = 1; k < length && i + k < s.size(); ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
        }
        out.push_back(cp);
        i += length;
    }
    return out;
}

}  // namespace

std::string PositionModel::describe() const {
    return std::string("positions counted in ") + (utf16 ? "UTF-16 units" : "Unicode code points") +
           " with CRLF as " + (crlf_as_one ? "one" : "two");
}

ToolProfile profile_for_origin(const std::string& origin) {
    const std::string o = lower(origin);
    if (o.find("nvivo") != std::string::npos && o.find("mac") == std::string::npos) {
        return {{true, false}, "NVivo for Windows"};
    }
    if (o.find("atlas") != std::string::npos) {
        return {{false, true}, "ATLAS.ti"};
    }
    if (o.find("maxqda") != std::string::npos) {
        return {{false, false}, "MAXQDA"};
    }
    return {{false, false}, origin.empty() ? "the REFI-QDA standard" : origin};
}

SourceText::SourceText(std::string original) : original_(std::move(original)) {
    // Most sources are already as Quire stores text (NFC, LF only): every position then
    // maps to itself, and the tables below (tens of bytes per character, gigabytes for a
    // long source) are not needed.
    if (original_.find('\r') == std::string::npos) {
        try {
            stored_ = text::normalize_for_storage(original_);
        } catch (const Error&) {
            stored_.clear();  // the slow path below says it cannot map
        }
        if (stored_ == original_) {
            identity_ = true;
            code_points_ = text::code_point_count(original_);
            has_astral_ = std::any_of(original_.begin(), original_.end(),
                                      [](char c) { return static_cast<unsigned char>(c) >= 0xF0; });
            return;
        }
        stored_.clear();
    }
    cps_ = decode_utf8(original_);
    for (std::size_t i = 0; i < cps_.size(); ++i) {
        if (cps_[i] == U'\r' && i + 1 < cps_.size() && cps_[i + 1] == U'\n') {
            has_crlf_ = true;
        }
        if (cps_[i] > 0xFFFF) {
            has_astral_ = true;
        }
    }
    build_storage_map();
}

std::optional<std::int64_t> SourceText::map(std::int64_t position,
                                            const PositionModel& model) const {
    if (identity_ && !(model.utf16 && has_astral_)) {
        if (position < 0 || position > code_points_) {
            return std::nullopt;
        }
        return position;
    }
    const std::vector<std::int64_t>& units = units_for(model);
    if (position < 0 || position > units.back()) {
        return std::nullopt;
    }
    const auto it = std::lower_bound(units.begin(), units.end(), position);
    if (it == units.end() || *it != position) {
        return std::nullopt;
    }
    const auto original_index = static_cast<std::size_t>(it - units.begin());
    if (identity_) {
        return static_cast<std::int64_t>(original_index);
    }
    const std::int64_t stored = to_stored_[original_index];
    if (stored < 0) {
        return std::nullopt;
    }
    return stored;
}

std::vector<PositionModel> SourceText::candidate_models(const PositionModel& preferred) const {
    std::vector<PositionModel> out{preferred};
    for (const bool utf16 : {false, true}) {
        for (const bool one : {false, true}) {
            PositionModel m{utf16 && has_astral_, one && has_crlf_};
            if (std::find(out.begin(), out.end(), m) == out.end()) {
                out.push_back(m);
            }
        }
    }
    return out;
}

// units_[i] = tool units before original code point i (i may equal the count).
const std::vector<std::int64_t>& SourceText::units_for(const PositionModel& model) const {
    const int key = (model.utf16 ? 1 : 0) + (model.crlf_as_one ? 2 : 0);
    auto& cached = units_cache_[key];
    if (cached.empty() && identity_) {
        // No CR in the text: only code points past U+FFFF count differently (UTF-16).
        cached.reserve(static_cast<std::size_t>(code_points_) + 1);
        std::int64_t u = 0;
        for (const char c : original_) {
            const auto byte = static_cast<unsigned char>(c);
            if ((byte & 0xC0) != 0x80) {
                cached.push_back(u);
                u += (model.utf16 && byte >= 0xF0) ? 2 : 1;
            }
        }
        cached.push_back(u);
    }
    if (cached.empty()) {
        cached.resize(cps_.size() + 1);
        std::int64_t u = 0;
        for (std::size_t i = 0; i < cps_.size(); ++i) {
            cached[i] = u;
            const bool cr_of_crlf = cps_[i] == U'\r' && i + 1 < cps_.size() && cps_[i + 1] == U'\n';
            if (cr_of_crlf && model.crlf_as_one) {
                continue;  // the LF that follows carries the one unit
            }
            u += (model.utf16 && cps_[i] > 0xFFFF) ? 2 : 1;
        }
        cached[cps_.size()] = u;
    }
    return cached;
}

void SourceText::build_storage_map() {
    // Step 1: line ends (CRLF and lone CR become LF), as normalize_for_storage does.
    std::vector<char32_t> lf;
    std::vector<std::int64_t> to_lf(cps_.size() + 1, -1);
    lf.reserve(cps_.size());
    for (std::size_t i = 0; i < cps_.size(); ++i) {
        to_lf[i] = static_cast<std::int64_t>(lf.size());
        if (cps_[i] == U'\r' && i + 1 < cps_.size() && cps_[i + 1] == U'\n') {
            lf.push_back(U'\n');
            to_lf[i + 1] = -1;  // between CR and LF: no counterpart
            ++i;
            continue;
        }
        lf.push_back(cps_[i] == U'\r' ? U'\n' : cps_[i]);
    }
    to_lf[cps_.size()] = static_cast<std::int64_t>(lf.size());

    // Step 2: NFC, segment by segment between normalisation boundaries, so that
    // positions at boundaries and inside unchanged segments map exactly.
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    std::vector<std::int64_t> lf_to_stored(lf.size() + 1, -1);
    std::vector<char32_t> out;
    out.reserve(lf.size());
    std::size_t start = 0;
    while (start < lf.size()) {
        std::size_t end = start + 1;
        while (end < lf.size() &&
               !(U_SUCCESS(status) && nfc->hasBoundaryBefore(static_cast<UChar32>(lf[end])))) {
            ++end;
        }
        icu::UnicodeString segment;
        for (std::size_t k = start; k < end; ++k) {
            segment.append(static_cast<UChar32>(lf[k]));
        }
        icu::UnicodeString normalized;
        if (U_SUCCESS(status)) {
            normalized = nfc->normalize(segment, status);
        }
        if (U_FAILURE(status)) {
            mappable_ = false;
            break;
        }
        std::vector<char32_t> seg_out;
        for (int32_t k = 0; k < normalized.length();) {
            const UChar32 c = normalized.char32At(k);
            seg_out.push_back(static_cast<char32_t>(c));
            k += U16_LENGTH(c);
        }
        const bool unchanged = seg_out.size() == end - start &&
                               std::equal(seg_out.begin(), seg_out.end(),
                                          lf.begin() + static_cast<std::ptrdiff_t>(start));
        lf_to_stored[start] = static_cast<std::int64_t>(out.size());
        if (unchanged) {
            for (std::size_t k = start + 1; k < end; ++k) {
                lf_to_stored[k] = static_cast<std::int64_t>(out.size() + (k - start));
            }
        }
        out.insert(out.end(), seg_out.begin(), seg_out.end());
        start = end;
    }
    lf_to_stored[lf.size()] = static_cast<std::int64_t>(out.size());

    for (char32_t c : out) {
        text::append_utf8(stored_, c);
    }
    // Our map must describe exactly the text Quire stores; if not, trust no position.
    if (stored_ != text::normalize_for_storage(original_)) {
        stored_ = text::normalize_for_storage(original_);
        mappable_ = false;
    }
    to_stored_.assign(cps_.size() + 1, -1);
    if (mappable_) {
        for (std::size_t i = 0; i <= cps_.size(); ++i) {
            if (to_lf[i] >= 0) {
                to_stored_[i] = lf_to_stored[static_cast<std::size_t>(to_lf[i])];
            }
        }
    }
}

std::string comparable(std::string_view s) {
    if (!text::is_valid_utf8(s)) {
        return {};
    }
    const std::string n = text::normalize_for_storage(s);
    std::string out;
    bool blank = false;
    for (const char c : n) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            blank = true;
            continue;
        }
        if (blank && !out.empty()) {
            out += ' ';
        }
        blank = false;
        out += c;
    }
    return out;
}

QuoteCheck check_quote(const std::string& name, const std::string& segment,
                       const std::string& comparable_document) {
    std::string quote = comparable(name);
    bool truncated = false;
    for (const std::string_view ellipsis : {"\u2026", "..."}) {
        if (ends_with(quote, ellipsis)) {
            quote = trim(quote.substr(0, quote.size() - ellipsis.size()));
            truncated = true;
            break;
        }
    }
    if (quote.empty()) {
        return QuoteCheck::kUnverifiable;
    }
    const std::string seg = comparable(segment);
    if (seg == quote || starts_with(seg, quote)) {
        return QuoteCheck::kVerified;
    }
    if (!truncated && seg.find(quote) != std::string::npos) {
        return QuoteCheck::kUnverifiable;  // a word of the segment used as its label
    }
    if (text::code_point_count(quote) >= 4 &&
        comparable_document.find(quote) != std::string::npos) {
        return QuoteCheck::kMismatch;
    }
    return QuoteCheck::kUnverifiable;
}

}  // namespace quire::exchange::qdpx
