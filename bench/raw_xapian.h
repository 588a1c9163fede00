// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

// The yardstick for search: Xapian used the plain way, with its defaults. A TermGenerator
// with the English stemmer (STEM_SOME: unstemmed terms with positions plus Z-prefixed
// stems) writes the texts to a database committed once at the end; a QueryParser with
// the same stemmer reads it.
namespace bench {

enum class RawUnit {
    Paragraph,   // one Xapian document per non-blank line
    Transcript,  // one Xapian document per text
};

struct RawIndexResult {
    double seconds = 0;
    std::uint64_t documents = 0;
    std::uint64_t bytes_on_disk = 0;
};

// Indexes `texts` into a new database in `folder` (overwritten).
RawIndexResult raw_xapian_index(const std::vector<std::string>& texts, const std::string& folder,
                                RawUnit unit);

// The TermGenerator alone, into a throwaway document per text: seconds; `postings` gets
// the number of positional postings made (the words it saw).
double raw_termgenerator_only(const std::vector<std::string>& texts, std::uint64_t& postings);

// Sum of the sizes of the files in a folder (not recursive).
std::uint64_t folder_bytes(const std::string& folder);

class RawSearcher {
public:
    explicit RawSearcher(const std::string& folder);
    ~RawSearcher();
    RawSearcher(const RawSearcher&) = delete;
    RawSearcher& operator=(const RawSearcher&) = delete;

    // Parses (FLAG_PHRASE | FLAG_BOOLEAN | FLAG_WILDCARD | FLAG_LOVEHATE, default AND) and
    // runs get_mset(0, limit); returns the number of documents in the page.
    std::size_t search(const std::string& query, std::size_t limit);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace bench
