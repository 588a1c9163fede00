// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/exchange/qdpx_import.h"
#include "core/formats/zip_handles.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/base/errors.h"
#include "core/text/encoding.h"
#include "core/text/unicode.h"
#include "core/util/ids.h"

namespace quire::exchange {
namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr std::uint64_t kMaxEntrySize = 512 * kMiB;
constexpr std::uint64_t kMaxTotalSize = 2048 * kMiB;
// Position maps hold a few integers per character; larger texts are not transcripts.
constexpr std::size_t kMaxSourceTextBytes = 64 * kMiB;
// Codebooks nest a handful of levels; the limit bounds the recursion over nested codes.
constexpr int kMaxCodeDepth = 200;

// ---------------------------------------------------------------------------------------
// Small helpers

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

// Lower-case, without braces or surrounding blanks: "{ABC-1}" and "abc-1" are one GUID.
std::string normalize_guid(std::string_view raw) {
    std::string g = trim(raw);
    if (g.size() >= 2 && g.front() == '{' && g.back() == '}') {
        g = trim(std::string_view(g).substr(1, g.size() - 2));
    }
    return lower(g);
}

// A name usable in Quire: one line, not empty.
std::string one_line(std::string_view raw, const std::string& fallback) {
    std::string s(raw);
    for (char& c : s) {
        if (c == '\n' || c == '\r' || c == '\t') {
            c = ' ';
        }
    }
    s = trim(s);
    if (s.empty() || !text::is_valid_utf8(s)) {
        return fallback;
    }
    return text::to_nfc(s);
}

std::string in_quotes(const std::string& s) {
    return "\u201C" + s + "\u201D";
}

std::string_view local_name(std::string_view qualified) {
    const auto colon = qualified.find(':');
    return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

bool is(const pugi::xml_node& node, std::string_view name) {
    return node.type() == pugi::node_element && local_name(node.name()) == name;
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
    for (const pugi::xml_node c : node.children()) {
        if (is(c, name)) {
            return c;
        }
    }
    return {};
}

std::vector<pugi::xml_node> children(const pugi::xml_node& node, std::string_view name) {
    std::vector<pugi::xml_node> out;
    for (const pugi::xml_node c : node.children()) {
        if (is(c, name)) {
            out.push_back(c);
        }
    }
    return out;
}

// Attributes may carry a namespace prefix in some exports; compare local names.
const char* attr(const pugi::xml_node& node, std::string_view name) {
    for (const pugi::xml_attribute a : node.attributes()) {
        if (local_name(a.name()) == name) {
            return a.value();
        }
    }
    return "";
}

std::string guid_of(const pugi::xml_node& node) {
    return normalize_guid(attr(node, "guid"));
}

std::string element_text(const pugi::xml_node& node) {
    return node ? node.text().get() : "";
}

std::optional<std::int64_t> parse_integer(std::string_view s) {
    const std::string t = trim(s);
    if (t.empty() || t.size() > 18) {
        return std::nullopt;
    }
    std::size_t i = t[0] == '+' ? 1 : 0;
    if (i == t.size()) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    for (; i < t.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(t[i]))) {
            return std::nullopt;
        }
        value = value * 10 + (t[i] - '0');
    }
    return value;
}

// ---------------------------------------------------------------------------------------
// UTF-8 <-> code points (input already validated)

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

// ---------------------------------------------------------------------------------------
// The package: a zip archive or a bare project file

using util::ArchivePtr;
using util::ZipError;

bool is_unsafe_entry_name(std::string name) {
    std::replace(name.begin(), name.end(), '\\', '/');
    if (name.empty() || name.front() == '/') {
        return true;
    }
    if (name.size() >= 2 && name[1] == ':' && std::isalpha(static_cast<unsigned char>(name[0]))) {
        return true;
    }
    std::size_t start = 0;
    while (start <= name.size()) {
        const auto slash = name.find('/', start);
        const std::string_view part = std::string_view(name).substr(
            start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part == "..") {
            return true;
        }
        if (slash == std::string::npos) {
            break;
        }
        start = slash + 1;
    }
    return false;
}

// A plain file name inside a path attribute, or empty when it tries to leave its folder.
std::string safe_relative(std::string_view path) {
    std::string p(path);
    std::replace(p.begin(), p.end(), '\\', '/');
    while (starts_with(p, "./")) {
        p.erase(0, 2);
    }
    if (is_unsafe_entry_name(p)) {
        return {};
    }
    return p;
}

class Package {
public:
    static Package open(const std::string& path, ImportReport& report);

    const std::string& project_xml() const { return project_xml_; }
    bool is_archive() const { return archive_ != nullptr; }

    // The bytes of a file named by a path attribute, or nullopt with the reason in `why`.
    std::optional<std::string> read_referenced(const std::string& path_attribute, std::string& why,
                                               bool& scheme_missing);

private:
    std::string read_entry(zip_uint64_t index, const std::string& entry_name);

    std::string name_;  // quoted path for messages
    ArchivePtr archive_;
    std::unordered_map<std::string, zip_uint64_t> entries_;  // lower-case name -> index
    std::filesystem::path folder_;                           // of a bare project file
    std::string project_xml_;
};

std::string Package::read_entry(zip_uint64_t index, const std::string& entry_name) {
    return util::read_checked_entry(archive_.get(), index,
                                    "cannot import " + name_ + ": " + entry_name, kMaxEntrySize);
}

std::string read_disk_file(const std::filesystem::path& path, const std::string& name) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        throw ImportError("cannot read " + name + ": " + ec.message());
    }
    if (size > kMaxEntrySize) {
        throw ImportError("cannot import " + name + ": it is larger than 512 MiB");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw ImportError("cannot open " + name);
    }
    std::string data(static_cast<std::size_t>(size), '\0');
    in.read(data.data(), static_cast<std::streamsize>(data.size()));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) {
        throw ImportError("cannot read " + name + " completely");
    }
    return data;
}

bool looks_like_zip(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char head[2] = {};
    in.read(head, 2);
    return in.gcount() == 2 && head[0] == 'P' && head[1] == 'K';
}

Package Package::open(const std::string& path, ImportReport& report) {
    Package package;
    package.name_ = '"' + path + '"';
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        throw ImportError("cannot import " + package.name_ + ": no such file");
    }
    if (!looks_like_zip(path)) {
        // A bare project file; its sources, if any, sit in a "sources" folder beside it.
        package.project_xml_ = read_disk_file(path, package.name_);
        package.folder_ = std::filesystem::path(path).parent_path();
        return package;
    }

    ZipError error;
    package.archive_ = util::open_archive_file(path, package.name_, error);
    if (!package.archive_) {
        throw ImportError("not a REFI-QDA project: " + package.name_ +
                          " is a damaged ZIP archive (" + error.text() + ")");
    }

    const zip_int64_t count = zip_get_num_entries(package.archive_.get(), 0);
    std::uint64_t total = 0;
    std::vector<std::pair<std::string, zip_uint64_t>> project_files;
    for (zip_int64_t i = 0; i < count; ++i) {
        const auto index = static_cast<zip_uint64_t>(i);
        const char* raw = zip_get_name(package.archive_.get(), index, ZIP_FL_ENC_RAW);
        if (raw == nullptr) {
            throw ImportError("cannot import " + package.name_ + ": entry " + std::to_string(i) +
                              " has no readable name");
        }
        const std::string entry_name = raw;
        if (is_unsafe_entry_name(entry_name)) {
            throw ImportError("refusing " + package.name_ + ": entry \"" + entry_name +
                              "\" points outside the archive (absolute path or \"..\")");
        }
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(package.archive_.get(), index, 0, &stat) != 0 ||
            (stat.valid & ZIP_STAT_SIZE) == 0) {
            throw ImportError("cannot import " + package.name_ + ": entry \"" + entry_name +
                              "\" does not declare its size");
        }
        if (stat.size > kMaxEntrySize) {
            throw ImportError("refusing " + package.name_ + ": entry \"" + entry_name +
                              "\" declares " + std::to_string(stat.size) +
                              " bytes, more than the limit of 512 MiB");
        }
        total += stat.size;
        if (total > kMaxTotalSize) {
            throw ImportError("refusing " + package.name_ +
                              ": its entries declare more than 2 GiB in total");
        }
        std::string key = lower(entry_name);
        std::replace(key.begin(), key.end(), '\\', '/');
        package.entries_.emplace(key, index);
        if (ends_with(key, ".qde") && key.find('/') == std::string::npos) {
            project_files.emplace_back(entry_name, index);
        }
    }
    if (project_files.empty()) {
        throw ImportError("not a REFI-QDA project: " + package.name_ + " contains no project.qde");
    }
    auto chosen = std::find_if(project_files.begin(), project_files.end(),
                               [](const auto& f) { return lower(f.first) == "project.qde"; });
    if (chosen == project_files.end()) {
        chosen = project_files.begin();
        report.adjusted.push_back("project file read from \"" + chosen->first +
                                  "\" (the archive has no project.qde)");
    }
    package.project_xml_ = package.read_entry(chosen->second, chosen->first);
    return package;
}

std::optional<std::string> Package::read_referenced(const std::string& path_attribute,
                                                    std::string& why, bool& scheme_missing) {
    scheme_missing = false;
    std::string path = trim(path_attribute);
    const std::string lowered = lower(path);
    if (starts_with(lowered, "internal://")) {
        path = path.substr(11);
    } else if (lowered.find("://") != std::string::npos) {
        why = "its file \"" + path + "\" is outside the project archive";
        return std::nullopt;
    } else {
        scheme_missing = true;
    }
    const std::string relative = safe_relative(path);
    if (relative.empty()) {
        why = "its path \"" + path_attribute + "\" is not a plain file name";
        return std::nullopt;
    }
    if (archive_) {
        for (const std::string& candidate : {"sources/" + relative, relative}) {
            const auto found = entries_.find(lower(candidate));
            if (found != entries_.end()) {
                return read_entry(found->second, candidate);
            }
        }
        why = "its file \"" + path_attribute + "\" is missing from the archive";
        return std::nullopt;
    }
    for (const char* folder : {"sources", "Sources"}) {
        const std::filesystem::path candidate = folder_ / folder / relative;
        std::error_code ec;
        if (std::filesystem::is_regular_file(candidate, ec)) {
            return read_disk_file(candidate, '"' + candidate.string() + '"');
        }
    }
    why = "its file \"" + path_attribute + "\" is not beside the project file";
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// XML

// Parses a REFI-QDA XML file whose root element must be `root` (Project or CodeBook);
// `kind` ("project", "codebook") names it in messages. A byte order mark is accepted.
void load_refi_xml(pugi::xml_document& xml, const std::string& bytes, std::string_view root,
                   const std::string& kind) {
    const pugi::xml_parse_result parsed = xml.load_buffer(
        bytes.data(), bytes.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_auto);
    if (!parsed) {
        throw ImportError("not a REFI-QDA " + kind + ": the " + kind +
                          " file is not well-formed XML (" + parsed.description() +
                          " at byte offset " + std::to_string(parsed.offset) + ")");
    }
    for (const pugi::xml_node node : xml.children()) {
        if (node.type() == pugi::node_doctype &&
            lower(node.value()).find("entity") != std::string::npos) {
            throw ImportError("refusing the " + kind +
                              " file: its DOCTYPE declares entities, which REFI-QDA "
                              "never uses (possible external-entity attack)");
        }
    }
    if (!is(xml.document_element(), root)) {
        throw ImportError("not a REFI-QDA " + kind + ": the root element is <" +
                          xml.document_element().name() + ">, not <" + std::string(root) + ">");
    }
}

void load_project_xml(pugi::xml_document& xml, const std::string& bytes) {
    load_refi_xml(xml, bytes, "Project", "project");
}

// ---------------------------------------------------------------------------------------
// Positions

// How a tool counted positions in its plain text.
struct PositionModel {
    bool utf16 = false;        // UTF-16 code units instead of code points
    bool crlf_as_one = false;  // CR LF counted as one character

    bool operator==(const PositionModel& o) const {
        return utf16 == o.utf16 && crlf_as_one == o.crlf_as_one;
    }
    std::string describe() const {
        return std::string("positions counted in ") +
               (utf16 ? "UTF-16 units" : "Unicode code points") + " with CRLF as " +
               (crlf_as_one ? "one" : "two");
    }
};

struct ToolProfile {
    PositionModel model;
    std::string tool;  // for messages
};

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

// A source's text as the tool had it, and a map from its positions to our stored text.
class SourceText {
public:
    explicit SourceText(std::string original) : original_(std::move(original)) {
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

    const std::string& original() const { return original_; }
    const std::string& stored() const { return stored_; }
    bool has_crlf() const { return has_crlf_; }
    bool has_astral() const { return has_astral_; }
    bool mappable() const { return mappable_; }

    // Stored code point of a tool position, or nullopt when it has no exact counterpart
    // (outside the text, inside a surrogate pair, a CRLF or a recomposed character).
    std::optional<std::int64_t> map(std::int64_t position, const PositionModel& model) const {
        const std::vector<std::int64_t>& units = units_for(model);
        if (position < 0 || position > units.back()) {
            return std::nullopt;
        }
        const auto it = std::lower_bound(units.begin(), units.end(), position);
        if (it == units.end() || *it != position) {
            return std::nullopt;
        }
        const auto original_index = static_cast<std::size_t>(it - units.begin());
        const std::int64_t stored = to_stored_[original_index];
        if (stored < 0) {
            return std::nullopt;
        }
        return stored;
    }

    // The models that give different answers for this text, the preferred one first.
    std::vector<PositionModel> candidate_models(const PositionModel& preferred) const {
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

    // The preferred model reduced to what matters for this text.
    PositionModel effective(const PositionModel& m) const {
        return {m.utf16 && has_astral_, m.crlf_as_one && has_crlf_};
    }

private:
    // units_[i] = tool units before original code point i (i may equal the count).
    const std::vector<std::int64_t>& units_for(const PositionModel& model) const {
        const int key = (model.utf16 ? 1 : 0) + (model.crlf_as_one ? 2 : 0);
        auto& cached = units_cache_[key];
        if (cached.empty()) {
            cached.resize(cps_.size() + 1);
            std::int64_t u = 0;
            for (std::size_t i = 0; i < cps_.size(); ++i) {
                cached[i] = u;
                const bool cr_of_crlf =
                    cps_[i] == U'\r' && i + 1 < cps_.size() && cps_[i + 1] == U'\n';
                if (cr_of_crlf && model.crlf_as_one) {
                    continue;  // the LF that follows carries the one unit
                }
                u += (model.utf16 && cps_[i] > 0xFFFF) ? 2 : 1;
            }
            cached[cps_.size()] = u;
        }
        return cached;
    }

    void build_storage_map() {
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

    std::string original_;
    std::vector<char32_t> cps_;
    std::string stored_;
    std::vector<std::int64_t> to_stored_;
    mutable std::map<int, std::vector<std::int64_t>> units_cache_;
    bool has_crlf_ = false;
    bool has_astral_ = false;
    bool mappable_ = true;
};

// Whitespace-insensitive comparison text: NFC, runs of blanks as one space, trimmed.
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

enum class QuoteCheck { kVerified, kUnverifiable, kMismatch };

// Some tools put the selected text (or its beginning) in the selection's name. A name that
// is quoted text from elsewhere in the document proves the positions wrong; a name that
// does not occur in the text is a label and proves nothing.
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

// ---------------------------------------------------------------------------------------
// The importer

struct SelectionPlace {
    Id document = 0;
    std::int64_t start = 0;
    std::int64_t end = 0;
};

struct CodeDescription {
    std::string definition, inclusion, exclusion, example;
};

// "Definition: ...\nInclusion: ...\nExclusion: ...\nExample: ..." as written by Quire and
// others; any other text is the definition.
CodeDescription split_description(const std::string& raw) {
    CodeDescription out;
    const std::string text = text::normalize_for_storage(raw);
    std::string* current = nullptr;
    std::string preamble;
    bool labelled = false;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto nl = text.find('\n', pos);
        const std::string line =
            text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        const std::string lowered = lower(line);
        std::string* field = nullptr;
        std::size_t label = 0;
        for (auto [name, target] :
             {std::pair<const char*, std::string*>{"definition:", &out.definition},
              {"inclusion:", &out.inclusion},
              {"exclusion:", &out.exclusion},
              {"example:", &out.example}}) {
            if (starts_with(lowered, name)) {
                field = target;
                label = std::string_view(name).size();
            }
        }
        if (field != nullptr) {
            labelled = true;
            current = field;
            *current = trim(line.substr(label));
        } else if (current != nullptr) {
            *current += "\n" + line;
        } else {
            preamble += (preamble.empty() ? "" : "\n") + line;
        }
        if (nl == std::string::npos) {
            break;
        }
        pos = nl + 1;
    }
    if (!labelled) {
        out.definition = trim(text);
        return out;
    }
    for (std::string* f : {&out.definition, &out.inclusion, &out.exclusion, &out.example}) {
        *f = trim(*f);
    }
    const std::string pre = trim(preamble);
    if (!pre.empty()) {
        out.definition = out.definition.empty() ? pre : pre + "\n" + out.definition;
    }
    return out;
}

// `wanted`, or `wanted` with " (2)", " (3)"... when it is taken; a rename is reported.
std::string pick_unique_name(ImportReport& report, const std::string& wanted, const char* what,
                             const std::function<bool(const std::string&)>& taken) {
    if (!taken(wanted)) {
        return wanted;
    }
    for (int n = 2;; ++n) {
        const std::string candidate = wanted + " (" + std::to_string(n) + ")";
        if (!taken(candidate)) {
            report.adjusted.push_back(std::string(what) + " " + in_quotes(wanted) + " renamed " +
                                      in_quotes(candidate) + ": the name was already taken");
            return candidate;
        }
    }
}

// Reads the codes and code sets of a codebook, the <CodeBook> of a project file or a bare
// .qdc, into a project, and remembers which code each GUID of the file became.
class CodebookReader {
public:
    // What a code or set whose name is taken becomes: a renamed copy (a project brings its
    // own codebook along), or the existing one, left as it is (merging a codebook, as NVivo
    // does).
    enum class Clash { kRename, kKeepExisting };

    CodebookReader(Project& project, ImportReport& report, Clash clash)
        : project_(project), report_(report), clash_(clash) {
        for (const Code& c : project_.codes()) {
            code_names_.emplace(std::make_pair(c.parent_id.value_or(0), c.name), c.id);
        }
        for (const CodeSet& s : project_.code_sets()) {
            set_names_.insert(s.name);
        }
    }

    // The <Code> children of a <Codes> element (a null node has none).
    void import_codes(const pugi::xml_node& codes) {
        for (const pugi::xml_node code : children(codes, "Code")) {
            import_code(code, std::nullopt, 0);
        }
    }

    void import_sets(const pugi::xml_node& sets) {
        for (const pugi::xml_node set : children(sets, "Set")) {
            import_set(set);
        }
    }

    // The code a GUID of the file became, if it was imported.
    std::optional<Id> code(const std::string& guid) const {
        const auto it = code_by_guid_.find(guid);
        return it == code_by_guid_.end() ? std::nullopt : std::optional<Id>(it->second);
    }
    std::string code_name(const std::string& guid) const {
        const auto it = code_name_by_guid_.find(guid);
        return it == code_name_by_guid_.end() ? std::string() : it->second;
    }

private:
    static CodeFields fields_of(const pugi::xml_node& node) {
        CodeFields fields;
        const std::string color = trim(attr(node, "color"));
        if (!color.empty()) {
            fields.color = color;
        }
        const std::string codable = lower(trim(attr(node, "isCodable")));
        fields.codable = !(codable == "false" || codable == "0");
        const std::string description = element_text(child(node, "Description"));
        if (!trim(description).empty() && text::is_valid_utf8(description)) {
            const CodeDescription d = split_description(description);
            fields.definition = d.definition;
            fields.inclusion = d.inclusion;
            fields.exclusion = d.exclusion;
            fields.example = d.example;
        }
        return fields;
    }

    void import_code(const pugi::xml_node& node, std::optional<Id> parent, int depth) {
        if (depth > kMaxCodeDepth) {
            throw ImportError("refusing the file: codes nest more than " +
                              std::to_string(kMaxCodeDepth) + " levels deep");
        }
        const std::string guid = guid_of(node);
        const Id parent_key = parent.value_or(0);
        std::string wanted = one_line(attr(node, "name"), "Unnamed code");
        // "/" separates the levels of a code path in Quire, so a name cannot hold it.
        if (wanted.find('/') != std::string::npos) {
            const std::string original = wanted;
            std::size_t at;
            while ((at = wanted.find('/')) != std::string::npos) {
                wanted.replace(at, 1, "\u2215");
            }
            report_.adjusted.push_back("code " + in_quotes(original) + " renamed " +
                                       in_quotes(wanted) +
                                       ": \"/\" separates levels of a code path");
        }
        std::optional<Code> code;
        std::string name = wanted;
        if (clash_ == Clash::kKeepExisting) {
            if (const auto it = code_names_.find({parent_key, wanted}); it != code_names_.end()) {
                code = project_.code(it->second);
                report_.adjusted.push_back("code " + in_quotes(project_.code_path(code->id)) +
                                           " is already in the codebook; it was left as it is");
            }
        } else {
            name = pick_unique_name(report_, wanted, "code", [&](const std::string& n) {
                return code_names_.count({parent_key, n}) > 0;
            });
        }
        if (!code) {
            code = add_code(name, parent, fields_of(node));
            code_names_.emplace(std::make_pair(parent_key, name), code->id);
            ++report_.codes;
        }
        if (!guid.empty()) {
            code_by_guid_[guid] = code->id;
            code_name_by_guid_[guid] = code->name;
        }
        for (const pugi::xml_node sub : children(node, "Code")) {
            import_code(sub, code->id, depth + 1);
        }
    }

    Code add_code(const std::string& name, std::optional<Id> parent, CodeFields fields) {
        try {
            return project_.add_code(name, parent, fields);
        } catch (const InvalidInputError&) {
            // An unusable colour is the only field add_code can refuse here.
            report_.adjusted.push_back("code " + in_quotes(name) + ": colour \"" +
                                       fields.color.value_or("") +
                                       "\" not understood; a default colour was used");
            fields.color.reset();
            return project_.add_code(name, parent, fields);
        }
    }

    void import_set(const pugi::xml_node& set) {
        const std::string wanted = one_line(attr(set, "name"), "Unnamed set");
        if (clash_ == Clash::kKeepExisting && set_names_.count(wanted) > 0) {
            report_.adjusted.push_back("code set " + in_quotes(wanted) +
                                       " is already in the project; it was left as it is");
            return;
        }
        std::vector<Id> codes;
        for (const pugi::xml_node member : children(set, "MemberCode")) {
            // Project files name the member by targetGUID, codebook files by guid.
            std::string target = attr(member, "targetGUID");
            if (trim(target).empty()) {
                target = attr(member, "guid");
            }
            if (const std::optional<Id> c = code(normalize_guid(target))) {
                codes.push_back(*c);
            }
        }
        const bool has_sources = !children(set, "MemberSource").empty();
        const bool has_notes = !children(set, "MemberNote").empty();
        if (codes.empty() && (has_sources || has_notes)) {
            report_.skipped.push_back("set " + in_quotes(wanted) +
                                      ": a set of documents or notes has no counterpart in "
                                      "Quire (only code sets)");
            return;
        }
        if (has_sources || has_notes) {
            report_.skipped.push_back("set " + in_quotes(wanted) +
                                      ": its documents and notes were left out; its codes "
                                      "became a code set");
        }
        const std::string name =
            pick_unique_name(report_, wanted, "code set",
                             [&](const std::string& n) { return set_names_.count(n) > 0; });
        const std::string description = element_text(child(set, "Description"));
        project_.add_code_set(name, codes,
                              text::is_valid_utf8(description) ? trim(description) : "");
        set_names_.insert(name);
        ++report_.code_sets;
    }

    Project& project_;
    ImportReport& report_;
    Clash clash_;
    std::map<std::pair<Id, std::string>, Id> code_names_;  // (parent or 0, name) -> code
    std::set<std::string> set_names_;
    std::unordered_map<std::string, Id> code_by_guid_;
    std::unordered_map<std::string, std::string> code_name_by_guid_;
};

class Importer {
public:
    Importer(Project& project, Package& package, ImportReport& report)
        : project_(project),
          package_(package),
          report_(report),
          codebook_(project, report, CodebookReader::Clash::kRename) {}

    void run(const pugi::xml_node& root) {
        report_.origin = attr(root, "origin");
        profile_ = profile_for_origin(report_.origin);
        project_creator_ = normalize_guid(attr(root, "creatingUserGUID"));
        load_existing_names();
        import_users(child(root, "Users"));
        codebook_.import_codes(child(child(root, "CodeBook"), "Codes"));
        import_variables(child(root, "Variables"));
        if (const pugi::xml_node sources = child(root, "Sources")) {
            for (const pugi::xml_node source : sources.children()) {
                import_source(source);
            }
        }
        report_model_adjustments();
        report_codeless_selections();
        import_cases(child(root, "Cases"));
        collect_note_targets(root);
        import_notes(root);
        codebook_.import_sets(child(root, "Sets"));
    }

private:
    // --- names ---

    void load_existing_names() {
        for (const Document& d : project_.documents()) {
            document_names_.insert(d.name);
        }
        for (const Case& c : project_.cases()) {
            case_names_.insert(c.name);
        }
        for (const Attribute& a : project_.attributes()) {
            attributes_.emplace(a.name, a.type);
        }
    }

    // --- users ---

    void import_users(const pugi::xml_node& users) {
        std::set<Id> coders;
        for (const pugi::xml_node user : children(users, "User")) {
            const std::string guid = guid_of(user);
            std::string name = one_line(attr(user, "name"), "");
            if (name.empty()) {
                name = one_line(attr(user, "id"), "User " + guid.substr(0, 8));
            }
            const Coder coder = project_.ensure_coder(name);
            coder_by_guid_[guid] = coder.id;
            coders.insert(coder.id);
        }
        report_.users = static_cast<int>(coders.size());
    }

    Id coder_for(std::initializer_list<std::string> guids) {
        for (const std::string& g : guids) {
            const auto it = coder_by_guid_.find(normalize_guid(g));
            if (!g.empty() && it != coder_by_guid_.end()) {
                return it->second;
            }
        }
        const auto creator = coder_by_guid_.find(project_creator_);
        if (!project_creator_.empty() && creator != coder_by_guid_.end()) {
            return creator->second;
        }
        if (report_.users == 1 && !coder_by_guid_.empty()) {
            return coder_by_guid_.begin()->second;
        }
        if (!fallback_coder_) {
            const std::string name = "Imported (" + one_line(report_.origin, "REFI-QDA") + ")";
            fallback_coder_ = project_.ensure_coder(name).id;
            report_.adjusted.push_back("codings without a known user were attributed to coder " +
                                       in_quotes(name));
        }
        return *fallback_coder_;
    }

    // --- variables ---

    void import_variables(const pugi::xml_node& variables) {
        for (const pugi::xml_node variable : children(variables, "Variable")) {
            const std::string guid = guid_of(variable);
            const std::string wanted = one_line(attr(variable, "name"), "Unnamed variable");
            const std::string type_name = lower(trim(attr(variable, "typeOfVariable")));
            AttributeType type = AttributeType::Text;
            if (type_name == "boolean") {
                type = AttributeType::Boolean;
            } else if (type_name == "integer") {
                type = AttributeType::Integer;
            } else if (type_name == "float") {
                type = AttributeType::Float;
            } else if (type_name == "date") {
                type = AttributeType::Date;
            } else if (type_name == "datetime") {
                report_.adjusted.push_back("variable " + in_quotes(wanted) +
                                           ": date-time values kept as text");
            }
            std::string name = wanted;
            const auto existing = attributes_.find(wanted);
            if (existing != attributes_.end() && existing->second == type) {
                report_.adjusted.push_back("variable " + in_quotes(wanted) +
                                           " merged with the attribute of the same name and type");
            } else if (existing != attributes_.end()) {
                name = pick_unique_name(report_, wanted, "variable", [&](const std::string& n) {
                    return attributes_.count(n) > 0;
                });
            }
            const Attribute a = project_.ensure_attribute(name, type);
            attributes_.emplace(a.name, a.type);
            variable_by_guid_[guid] = a.name;
            ++report_.variables;
        }
    }

    // The canonical value of a VariableValue, or nullopt when it has none.
    std::optional<std::pair<std::string, std::string>> variable_value(const pugi::xml_node& value,
                                                                      const std::string& owner) {
        const std::string guid = normalize_guid(attr(child(value, "VariableRef"), "targetGUID"));
        const auto variable = variable_by_guid_.find(guid);
        if (variable == variable_by_guid_.end()) {
            report_.skipped.push_back("a value of " + owner + ": its variable is not defined");
            return std::nullopt;
        }
        for (const char* kind : {"TextValue", "BooleanValue", "IntegerValue", "FloatValue",
                                 "DateValue", "DateTimeValue"}) {
            if (const pugi::xml_node v = child(value, kind)) {
                return std::make_pair(variable->second, trim(element_text(v)));
            }
        }
        return std::nullopt;
    }

    template <typename Setter>
    void apply_values(const pugi::xml_node& owner_node, const std::string& owner, Setter set) {
        for (const pugi::xml_node value : children(owner_node, "VariableValue")) {
            const auto v = variable_value(value, owner);
            if (!v) {
                continue;
            }
            try {
                set(v->first, v->second);
            } catch (const InvalidInputError& e) {
                report_.skipped.push_back("value \"" + v->second + "\" of " + in_quotes(v->first) +
                                          " for " + owner + ": " + e.what());
            }
        }
    }

    // --- sources ---

    // The text of a TextSource-like element: its file, else its inline PlainTextContent.
    std::optional<std::string> source_bytes(const pugi::xml_node& node, std::string& why) {
        const std::string path = attr(node, "plainTextPath");
        if (!trim(path).empty()) {
            bool scheme_missing = false;
            std::string file_why;
            auto bytes = package_.read_referenced(path, file_why, scheme_missing);
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

    std::string source_name(const pugi::xml_node& source, const pugi::xml_node& text_node) {
        std::string fallback = std::filesystem::path(attr(text_node, "plainTextPath")).stem();
        if (fallback.empty()) {
            fallback = "Source " + std::to_string(++unnamed_sources_);
        }
        return one_line(attr(source, "name"), one_line(fallback, "Source"));
    }

    void import_source(const pugi::xml_node& source) {
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
            note_non_text_selections(
                source, kind == "PDFSource" ? "PDFSelection" : "PictureSelection", label);
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

    void note_non_text_selections(const pugi::xml_node& source, const char* selection,
                                  const std::string& label) {
        for (const pugi::xml_node s : children(source, selection)) {
            if (s.find_child([](const pugi::xml_node& n) { return is(n, "Coding"); })) {
                pending_non_text_.push_back(
                    {guid_of(s), label + ": " + selection + " " +
                                     in_quotes(one_line(attr(s, "name"), "?")) +
                                     " not imported: Quire codes text only"});
            }
        }
    }

    // Imports the text of `text_node` as a document with its selections and codings.
    std::optional<Id> import_text(const pugi::xml_node& source, const pugi::xml_node& text_node,
                                  const std::string& wanted_name, const std::string& label) {
        std::string why;
        std::optional<std::string> bytes = source_bytes(text_node, why);
        const auto selections = children(text_node, "PlainTextSelection");
        if (!bytes) {
            report_.skipped.push_back(label + ": not imported: " + why +
                                      (selections.empty() ? "" : skipped_codings_note(text_node)));
            keep_memos_of_unimported(selections, label);
            return std::nullopt;
        }
        if (trim(*bytes).empty()) {
            report_.skipped.push_back(label + ": not imported: its text is empty" +
                                      skipped_codings_note(text_node));
            keep_memos_of_unimported(selections, label);
            return std::nullopt;
        }
        if (bytes->size() > kMaxSourceTextBytes) {
            report_.skipped.push_back(label + ": not imported: its text is larger than 64 MiB");
            return std::nullopt;
        }
        std::string utf8;
        try {
            text::DecodedText decoded = text::decode_text(*bytes);
            if (decoded.had_bom) {
                bom_sources_.push_back(wanted_name);
            }
            if (decoded.encoding != "UTF-8") {
                report_.adjusted.push_back(label + ": text read as " + decoded.encoding +
                                           " (REFI-QDA requires UTF-8)");
            }
            utf8 = std::move(decoded.utf8);
        } catch (const ImportError& e) {
            report_.skipped.push_back(label + ": not imported: its text cannot be decoded (" +
                                      e.what() + ")");
            return std::nullopt;
        }
        const SourceText source_text(utf8);
        if (trim(source_text.stored()).empty()) {
            report_.skipped.push_back(label + ": not imported: its text is empty" +
                                      skipped_codings_note(text_node));
            keep_memos_of_unimported(selections, label);
            return std::nullopt;
        }
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

        const std::string doc_text = project_.document_text(doc);
        const std::int64_t length = text::code_point_count(doc_text);
        // Codings of the whole source.
        for (const pugi::xml_node coding : children(text_node, "Coding")) {
            apply_coding(coding, doc, 0, length, label + " (whole text)", text_node);
        }
        if (selections.empty() && children(text_node, "TranscriptSelection").empty()) {
            return doc;
        }
        const PositionModel model = choose_model(source_text, selections, label);
        const std::string comparable_document = comparable(source_text.stored());
        const text::OffsetMap offsets(doc_text);
        for (const pugi::xml_node selection : selections) {
            import_selection(selection, attr(selection, "startPosition"),
                             attr(selection, "endPosition"), doc, source_text, model, doc_text,
                             offsets, comparable_document, label);
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
        return doc;
    }

    // Comments on selections of a source that could not be imported stay as project memos.
    void keep_memos_of_unimported(const std::vector<pugi::xml_node>& selections,
                                  const std::string& label) {
        for (const pugi::xml_node selection : selections) {
            keep_selection_memo(selection, std::nullopt, std::nullopt,
                                label + " [" + attr(selection, "startPosition") + ", " +
                                    attr(selection, "endPosition") + ")");
        }
    }

    std::string skipped_codings_note(const pugi::xml_node& text_node) {
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

    PositionModel choose_model(const SourceText& text,
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

    void import_selection(const pugi::xml_node& selection, const std::string& start_attr,
                          const std::string& end_attr, Id doc, const SourceText& text,
                          const PositionModel& model, const std::string& doc_text,
                          const text::OffsetMap& offsets, const std::string& comparable_document,
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
            keep_selection_memo(selection, std::nullopt, doc, where);
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
        std::optional<Id> first_coding;
        for (const pugi::xml_node coding : codings) {
            const auto id = apply_coding(coding, doc, *a, *b, where, selection);
            if (id && !first_coding) {
                first_coding = id;
            }
        }
        if (first_coding) {
            coded_selections_.insert(guid);
            coding_by_guid_[guid] = *first_coding;
        } else if (codings.empty()) {
            codeless_selections_.push_back({guid, where});
        }
        keep_selection_memo(selection, first_coding, doc, where);
    }

    std::optional<Id> apply_coding(const pugi::xml_node& coding, Id doc, std::int64_t start,
                                   std::int64_t end, const std::string& where,
                                   const pugi::xml_node& selection) {
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
            const ApplyOutcome outcome = project_.apply_code(doc, *code, coder, start, end);
            if (!outcome.existed) {
                ++report_.codings;
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

    // ATLAS.ti keeps a quotation's comment as the selection's Description.
    void keep_selection_memo(const pugi::xml_node& selection, std::optional<Id> coding,
                             std::optional<Id> doc, const std::string& where) {
        const std::string text = trim(element_text(child(selection, "Description")));
        if (text.empty() || !text::is_valid_utf8(text)) {
            return;
        }
        const std::string title =
            "Comment on " + in_quotes(one_line(attr(selection, "name"), "selection"));
        if (coding) {
            project_.add_memo(Memo::Target::Coding, *coding, title, text);
        } else if (doc) {
            project_.add_memo(Memo::Target::Document, *doc, title, text);
            report_.adjusted.push_back(where + ": its comment was attached to the document");
        } else {
            project_.add_memo(Memo::Target::Project, std::nullopt, title, text);
            report_.adjusted.push_back(where + ": its comment was kept as a project memo");
        }
        ++report_.notes;
    }

    void report_model_adjustments() {
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
    void report_codeless_selections() {
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

    // --- cases ---

    void import_cases(const pugi::xml_node& cases) {
        for (const pugi::xml_node node : children(cases, "Case")) {
            std::string wanted = one_line(attr(node, "name"), "");
            if (wanted.empty()) {
                wanted = "Unnamed case " + std::to_string(++unnamed_cases_);
                report_.adjusted.push_back("a case without a name was called " + in_quotes(wanted));
            }
            const std::string name =
                pick_unique_name(report_, wanted, "case",
                                 [&](const std::string& n) { return case_names_.count(n) > 0; });
            const std::string description = element_text(child(node, "Description"));
            const Case c = project_.ensure_case(
                name, text::is_valid_utf8(description) ? trim(description) : "");
            case_names_.insert(name);
            ++report_.cases;
            case_by_guid_[guid_of(node)] = c.id;
            apply_values(node, "case " + in_quotes(name),
                         [&](const std::string& a, const std::string& v) {
                             project_.set_case_attribute(c.id, a, v);
                         });
            for (const pugi::xml_node ref : children(node, "SourceRef")) {
                const auto doc = document_by_guid_.find(normalize_guid(attr(ref, "targetGUID")));
                if (doc == document_by_guid_.end()) {
                    report_.skipped.push_back("case " + in_quotes(name) +
                                              ": a source it refers to was not imported");
                    continue;
                }
                project_.link_case(c.id, doc->second);
            }
            for (const pugi::xml_node ref : children(node, "SelectionRef")) {
                const auto place = place_by_guid_.find(normalize_guid(attr(ref, "targetGUID")));
                if (place == place_by_guid_.end()) {
                    report_.skipped.push_back("case " + in_quotes(name) +
                                              ": a selection it refers to was not imported");
                    continue;
                }
                project_.link_case(c.id, place->second.document, place->second.start,
                                   place->second.end);
            }
            if (!children(node, "CodeRef").empty()) {
                report_.skipped.push_back("case " + in_quotes(name) +
                                          ": its codes are not imported (Quire cases hold "
                                          "documents and segments)");
            }
        }
    }

    // --- notes ---

    struct Target {
        Memo::Target kind = Memo::Target::Project;
        std::optional<Id> id;
    };

    std::optional<Target> target_of(const std::string& guid) {
        if (const auto it = coding_by_guid_.find(guid); it != coding_by_guid_.end()) {
            return Target{Memo::Target::Coding, it->second};
        }
        if (const std::optional<Id> code = codebook_.code(guid)) {
            return Target{Memo::Target::Code, *code};
        }
        if (const auto it = document_by_guid_.find(guid); it != document_by_guid_.end()) {
            return Target{Memo::Target::Document, it->second};
        }
        if (const auto it = case_by_guid_.find(guid); it != case_by_guid_.end()) {
            return Target{Memo::Target::Case, it->second};
        }
        if (const auto it = place_by_guid_.find(guid); it != place_by_guid_.end()) {
            return Target{Memo::Target::Document, it->second.document};
        }
        return std::nullopt;
    }

    // NoteRef elements (NVivo) attach the note to the element that holds them; Links
    // (ATLAS.ti) join a note to anything.
    void collect_note_targets(const pugi::xml_node& root) {
        std::vector<pugi::xml_node> stack{root};
        while (!stack.empty()) {
            const pugi::xml_node node = stack.back();
            stack.pop_back();
            for (const pugi::xml_node c : node.children()) {
                if (c.type() != pugi::node_element) {
                    continue;
                }
                if (is(c, "NoteRef")) {
                    const std::string note = normalize_guid(attr(c, "targetGUID"));
                    const std::string owner = is(node, "Project") ? "" : guid_of(node);
                    note_targets_[note].push_back(owner);
                } else if (!is(c, "Notes")) {
                    stack.push_back(c);
                }
            }
        }
        if (const pugi::xml_node links = child(root, "Links")) {
            for (const pugi::xml_node link : children(links, "Link")) {
                const std::string origin = normalize_guid(attr(link, "originGUID"));
                const std::string target = normalize_guid(attr(link, "targetGUID"));
                note_targets_[origin].push_back(target);
                note_targets_[target].push_back(origin);
            }
        }
    }

    void import_notes(const pugi::xml_node& root) {
        const pugi::xml_node notes = child(root, "Notes");
        for (const pugi::xml_node note : children(notes, "Note")) {
            const std::string guid = guid_of(note);
            const std::string title = one_line(attr(note, "name"), "Note");
            std::string why;
            std::string body;
            if (const auto bytes = source_bytes(note, why)) {
                try {
                    body = text::normalize_for_storage(text::decode_text(*bytes).utf8);
                } catch (const Error&) {
                    body.clear();
                }
            }
            const std::string description = element_text(child(note, "Description"));
            if (text::is_valid_utf8(description) && !trim(description).empty()) {
                body = trim(body).empty() ? trim(description)
                                          : trim(description) + "\n\n" + trim(body);
            }
            body = trim(body);
            if (body.empty()) {
                report_.skipped.push_back("note " + in_quotes(title) + ": it has no text");
                continue;
            }
            const Id author = coder_for({attr(note, "creatingUser")});
            std::vector<Target> targets;
            bool project_level = false;
            bool lost_target = false;
            for (const std::string& owner : note_targets_[guid]) {
                if (owner.empty()) {
                    project_level = true;
                    continue;
                }
                if (const auto t = target_of(owner)) {
                    const bool seen = std::any_of(targets.begin(), targets.end(), [&](auto& x) {
                        return x.kind == t->kind && x.id == t->id;
                    });
                    if (!seen) {
                        targets.push_back(*t);
                    }
                } else if (normalize_guid(owner) != guid) {
                    lost_target = true;
                }
            }
            if (targets.empty() || project_level) {
                targets.push_back({Memo::Target::Project, std::nullopt});
            }
            if (lost_target) {
                report_.adjusted.push_back(
                    "note " + in_quotes(title) +
                    ": something it refers to was not imported; the note "
                    "was kept" +
                    (targets.size() == 1 && !targets[0].id ? " as a project memo" : ""));
            }
            for (const Target& t : targets) {
                project_.add_memo(t.kind, t.id, title, body, author);
                ++report_.notes;
            }
        }
    }

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

}  // namespace

ImportReport import_qdpx(Project& project, const std::string& path) {
    ImportReport report;
    Package package = Package::open(path, report);
    pugi::xml_document xml;
    load_project_xml(xml, package.project_xml());
    Project::Action action(project);
    Importer importer(project, package, report);
    importer.run(xml.document_element());
    action.commit();
    return report;
}

namespace {

// Importing into a scratch project counts exactly what an import would bring into an empty
// project.
ImportReport preview(const std::string& path,
                     ImportReport (*import)(Project&, const std::string&)) {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("quire-qdpx-preview-" + util::new_guid());
    std::filesystem::create_directories(dir);
    struct Cleanup {
        std::filesystem::path dir;
        ~Cleanup() {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
        }
    } cleanup{dir};
    ImportReport report;
    {
        Project scratch = Project::create((dir / "preview.quire").string());
        report = import(scratch, path);
    }
    return report;
}

}  // namespace

ImportReport preview_qdpx(const std::string& path) {
    return preview(path, import_qdpx);
}

ImportReport import_qdc(Project& project, const std::string& path) {
    const std::string name = '"' + path + '"';
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        throw ImportError("cannot import " + name + ": no such file");
    }
    pugi::xml_document xml;
    load_refi_xml(xml, read_disk_file(path, name), "CodeBook", "codebook");
    const pugi::xml_node root = xml.document_element();
    ImportReport report;
    report.origin = attr(root, "origin");
    Project::Action action(project);
    CodebookReader codebook(project, report, CodebookReader::Clash::kKeepExisting);
    codebook.import_codes(child(root, "Codes"));
    codebook.import_sets(child(root, "Sets"));
    action.commit();
    return report;
}

ImportReport preview_qdc(const std::string& path) {
    return preview(path, import_qdc);
}

}  // namespace quire::exchange
