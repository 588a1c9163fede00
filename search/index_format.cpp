// SPDX-License-Identifier: GPL-3.0-or-later
// What the index stores beside Xapian's terms: each document's paragraph table (its
// data) and the list of documents it holds (metadata).
#include <cstdio>

#include "search/index_internal.h"

namespace quire::search {
namespace {

void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}

std::uint64_t get_varint(const std::string& in, std::size_t& at) {
    std::uint64_t v = 0;
    int shift = 0;
    while (at < in.size()) {
        const unsigned char c = static_cast<unsigned char>(in[at++]);
        v |= static_cast<std::uint64_t>(c & 0x7F) << shift;
        if ((c & 0x80) == 0) {
            return v;
        }
        shift += 7;
        if (shift > 63) {
            break;
        }
    }
    throw DamagedIndexError("the search index holds a damaged paragraph table");
}

}  // namespace

std::string encode_paragraphs(const std::vector<Paragraph>& ps) {
    std::string out;
    out.reserve(ps.size() * 6 + 4);
    put_varint(out, ps.size());
    std::int64_t cp = 0;
    std::int64_t byte = 0;
    for (const Paragraph& p : ps) {
        put_varint(out, static_cast<std::uint64_t>(p.start_cp - cp));
        put_varint(out, static_cast<std::uint64_t>(p.start_byte - byte));
        put_varint(out, static_cast<std::uint64_t>(p.bytes));
        put_varint(out, p.words);
        cp = p.start_cp;
        byte = p.start_byte;
    }
    return out;
}

std::vector<Paragraph> decode_paragraphs(const std::string& data) {
    std::size_t at = 0;
    const std::uint64_t n = get_varint(data, at);
    std::vector<Paragraph> out;
    out.reserve(n);
    std::int64_t cp = 0;
    std::int64_t byte = 0;
    Xapian::termpos pos = 1;
    for (std::uint64_t i = 0; i < n; ++i) {
        Paragraph p;
        p.start_cp = cp + static_cast<std::int64_t>(get_varint(data, at));
        p.start_byte = byte + static_cast<std::int64_t>(get_varint(data, at));
        p.bytes = static_cast<std::int64_t>(get_varint(data, at));
        p.words = static_cast<Xapian::termcount>(get_varint(data, at));
        p.first = pos;
        pos += p.words;
        cp = p.start_cp;
        byte = p.start_byte;
        out.push_back(p);
    }
    return out;
}

std::string encode_manifest(const Manifest& m) {
    std::string out;
    for (const auto& [id, e] : m) {
        out += std::to_string(id) + " " + e.guid + " " + std::to_string(e.words) + " " +
               std::to_string(e.bytes) + "\n";
    }
    return out;
}

Manifest decode_manifest(const std::string& s) {
    Manifest m;
    std::size_t at = 0;
    while (at < s.size()) {
        std::size_t nl = s.find('\n', at);
        if (nl == std::string::npos) {
            nl = s.size();
        }
        const std::string line = s.substr(at, nl - at);
        at = nl + 1;
        char guid[128] = {0};
        long long id = 0;
        unsigned long long words = 0;
        unsigned long long bytes = 0;
        if (std::sscanf(line.c_str(), "%lld %127s %llu %llu", &id, guid, &words, &bytes) != 4) {
            throw DamagedIndexError("the search index has a damaged document list");
        }
        m[id] = ManifestEntry{guid, words, bytes};
    }
    return m;
}

}  // namespace quire::search
