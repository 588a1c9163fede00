// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/raw_xapian.h"

#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <string_view>

namespace bench {

using Clock = std::chrono::steady_clock;

RawIndexResult raw_xapian_index(const std::vector<std::string>& texts, const std::string& folder,
                                RawUnit unit) {
    std::error_code ec;
    std::filesystem::remove_all(folder, ec);
    RawIndexResult result;
    const auto start = Clock::now();
    {
        Xapian::WritableDatabase db(folder, Xapian::DB_CREATE_OR_OVERWRITE);
        Xapian::TermGenerator generator;
        generator.set_stemmer(Xapian::Stem("en"));
        auto add = [&](std::string_view text) {
            Xapian::Document doc;
            generator.set_document(doc);
            generator.set_termpos(0);
            generator.index_text(Xapian::Utf8Iterator(text.data(), text.size()));
            db.add_document(doc);
            ++result.documents;
        };
        for (const std::string& text : texts) {
            if (unit == RawUnit::Transcript) {
                add(text);
                continue;
            }
            std::size_t at = 0;
            while (at < text.size()) {
                std::size_t lf = text.find('\n', at);
                if (lf == std::string::npos) {
                    lf = text.size();
                }
                const std::string_view line(text.data() + at, lf - at);
                if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
                    add(line);
                }
                at = lf + 1;
            }
        }
        db.commit();
        db.close();
    }
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    result.bytes_on_disk = folder_bytes(folder);
    return result;
}

double raw_termgenerator_only(const std::vector<std::string>& texts, std::uint64_t& postings) {
    postings = 0;
    const auto start = Clock::now();
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("en"));
    for (const std::string& text : texts) {
        Xapian::Document doc;
        generator.set_document(doc);
        generator.set_termpos(0);
        generator.index_text(text);
        postings += generator.get_termpos();
    }
    return std::chrono::duration<double>(Clock::now() - start).count();
}

std::uint64_t folder_bytes(const std::string& folder) {
    std::uint64_t n = 0;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(folder, ec)) {
        if (e.is_regular_file(ec)) {
            n += e.file_size(ec);
        }
    }
    return n;
}

struct RawSearcher::Impl {
    Xapian::Database db;
    Xapian::QueryParser parser;
    explicit Impl(const std::string& folder) : db(folder) {
        parser.set_stemmer(Xapian::Stem("en"));
        parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        parser.set_default_op(Xapian::Query::OP_AND);
        parser.set_database(db);
    }
};

RawSearcher::RawSearcher(const std::string& folder) : impl_(std::make_unique<Impl>(folder)) {}

RawSearcher::~RawSearcher() = default;

std::size_t RawSearcher::search(const std::string& query, std::size_t limit) {
    const unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                           Xapian::QueryParser::FLAG_WILDCARD | Xapian::QueryParser::FLAG_LOVEHATE;
    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(impl_->parser.parse_query(query, flags));
    const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    return mset.size();
}

}  // namespace bench
