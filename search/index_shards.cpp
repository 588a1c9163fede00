// SPDX-License-Identifier: GPL-3.0-or-later
// A whole index built in parallel. Each thread writes its own Xapian database for a
// contiguous block of documents, so every core tokenizes and writes; the calling thread
// alone reads the project file and deals the texts out. The blocks are then merged in one
// sequential pass (Xapian's compaction, keeping document ids), which also leaves the
// tables compact.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "core/project/project.h"
#include "search/index_internal.h"

namespace quire::search {
namespace fs = std::filesystem;

namespace {

using Text = std::pair<std::size_t, std::string>;  // index in the document list, text

// One thread's block of documents, the texts read ahead for it, and what it wrote.
struct Shard {
    fs::path folder;
    std::size_t next = 0;  // the next document to read for it
    std::size_t end = 0;
    std::deque<Text> queue;
    std::vector<std::pair<Id, ManifestEntry>> written;
    bool finished = false;  // no more texts will come
};

class ShardWriters {
public:
    ShardWriters(Project& project, const DocumentKeys& docs, const std::vector<fs::path>& folders,
                 const std::string& stem_name)
        : project_(project), docs_(docs), stem_name_(stem_name), parts_(folders.size()) {
        for (std::size_t k = 0; k < parts_.size(); ++k) {
            parts_[k].folder = folders[k];
            parts_[k].next = docs.size() * k / parts_.size();
            parts_[k].end = docs.size() * (k + 1) / parts_.size();
        }
    }

    std::vector<std::pair<Id, ManifestEntry>> run(const Progress& progress) {
        for (Shard& part : parts_) {
            pool_.emplace_back(&ShardWriters::write_shard, this, std::ref(part));
        }
        try {
            deal_texts(progress);
            finish();
            if (failure_) {
                std::rethrow_exception(failure_);
            }
        } catch (...) {
            stop_ = true;
            finish();
            throw;
        }
        std::vector<std::pair<Id, ManifestEntry>> written;
        for (const Shard& part : parts_) {
            written.insert(written.end(), part.written.begin(), part.written.end());
        }
        return written;
    }

private:
    static constexpr std::size_t kQueued = 4;  // texts read ahead per shard

    // The calling thread reads one text for each shard in turn, so that all start at once.
    void deal_texts(const Progress& progress) {
        for (bool more = true; more;) {
            more = false;
            for (Shard& part : parts_) {
                if (part.next >= part.end) {
                    continue;
                }
                more = true;
                std::string text = project_.document_text(docs_[part.next].first);
                if (!hand_over(part, {part.next, std::move(text)})) {
                    return;
                }
                ++part.next;
                report_progress(progress, done_, docs_.size());
            }
        }
    }

    // Waits for room in the shard's queue; false when the build stopped meanwhile.
    bool hand_over(Shard& part, Text text) {
        {
            std::unique_lock<std::mutex> lock(mutex_);
            changed_.wait(lock, [&] { return stop_ || part.queue.size() < kQueued; });
            if (stop_) {
                return false;
            }
            part.queue.push_back(std::move(text));
        }
        changed_.notify_all();
        return true;
    }

    // The body of each thread.
    void write_shard(Shard& part) {
        try {
            Tokenizer tokenizer;
            // One stemmer per thread: copies of a Xapian::Stem share a reference count that
            // is not atomic.
            const Xapian::Stem stemmer =
                stem_name_ == "none" ? Xapian::Stem() : Xapian::Stem(stem_name_);
            Xapian::WritableDatabase db(part.folder.string(),
                                        Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
            DocumentWriter writer(db, tokenizer, stemmer);
            while (std::optional<Text> text = take_text(part)) {
                const auto& [id, guid] = docs_[text->first];
                part.written.emplace_back(id, writer.write(id, guid, text->second));
                ++done_;
            }
            if (!stop_) {
                db.commit();
            }
            db.close();
        } catch (...) {
            fail(std::current_exception());
        }
    }

    // The shard's next text, once there is one; nullopt when there are no more or the
    // build stopped.
    std::optional<Text> take_text(Shard& part) {
        std::optional<Text> text;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            changed_.wait(lock, [&] { return stop_ || !part.queue.empty() || part.finished; });
            if (stop_ || part.queue.empty()) {
                return std::nullopt;
            }
            text = std::move(part.queue.front());
            part.queue.pop_front();
        }
        changed_.notify_all();
        return text;
    }

    // Keeps the first failure of any thread and stops the others.
    void fail(std::exception_ptr e) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!failure_) {
            failure_ = e;
        }
        stop_ = true;
        changed_.notify_all();
    }

    // Tells the threads that no more texts will come and waits for them.
    void finish() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            for (Shard& part : parts_) {
                part.finished = true;
            }
        }
        changed_.notify_all();
        // Also called after a failure found by the first call: join each thread once.
        for (std::thread& t : pool_) {
            if (t.joinable()) {
                t.join();
            }
        }
    }

    Project& project_;
    const DocumentKeys& docs_;
    const std::string& stem_name_;
    std::vector<Shard> parts_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::atomic<std::size_t> done_{0};
    std::atomic<bool> stop_{false};
    std::exception_ptr failure_;
    std::vector<std::thread> pool_;
};

}  // namespace

std::vector<std::pair<Id, ManifestEntry>> write_shards(Project& project, const DocumentKeys& docs,
                                                       const std::vector<fs::path>& folders,
                                                       const std::string& stem_name,
                                                       const Progress& progress) {
    return ShardWriters(project, docs, folders, stem_name).run(progress);
}

void merge_shards(const fs::path& target, const std::vector<fs::path>& folders) {
    const fs::path merged = target / "merged";
    {
        Xapian::Database all;
        for (const fs::path& shard : folders) {
            all.add_database(Xapian::Database(shard.string()));
        }
        all.compact(merged.string(), Xapian::DBCOMPACT_NO_RENUMBER);
    }
    std::error_code ec;
    for (const fs::path& shard : folders) {
        fs::remove_all(shard, ec);
    }
    for (const auto& e : fs::directory_iterator(merged, ec)) {
        fs::rename(e.path(), target / e.path().filename(), ec);
        if (ec) {
            throw SearchIndexError("cannot move the merged search index into " + target.string() +
                                   ": " + ec.message());
        }
    }
    fs::remove(merged, ec);
}

}  // namespace quire::search
