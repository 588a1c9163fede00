// SPDX-License-Identifier: GPL-3.0-or-later
// A merge's plan: their entities matched to ours and translated into our GUIDs, then each
// compared three ways (ours, theirs, the base) into changes and conflicts.
#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/project/team_internal.h"
#include "core/util/ids.h"

namespace quire::team_detail {

namespace {

using Action = Op::Action;

std::string joined_key(const std::vector<std::string>& parts) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        out += (i == 0 ? "" : "\x1f") + parts[i];
    }
    return out;
}

std::string coding_key(const Entity& e) {
    const auto& f = e.fields;
    return joined_key({f[0], f[1], f[2], f[3], f[4]});
}

// At most `bytes` of UTF-8 text, cut between characters, with "…" when cut.
std::string shortened(const std::string& text, std::size_t bytes) {
    if (text.size() <= bytes) {
        return text;
    }
    while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) {
        --bytes;
    }
    return text.substr(0, bytes) + "\u2026";
}

// How a person reads an entity in the plan.
std::string describe(const std::string& kind, const Entity& e, const Work& w) {
    const auto name_of = [&](const std::string& k, const std::string& guid) -> std::string {
        for (const Snapshot* s : {&w.ours, &w.theirs}) {
            const auto it = s->of(k).find(guid);
            if (it != s->of(k).end()) {
                return k == "code" ? it->second.key : it->second.fields[0];
            }
        }
        const auto t = w.translated.find(k);
        if (t != w.translated.end()) {
            const auto it = t->second.find(guid);
            if (it != t->second.end()) {
                return k == "code" ? it->second.key : it->second.fields[0];
            }
        }
        return guid;
    };
    if (kind == "code") {
        return e.key.empty() ? e.fields[field::kName] : e.key;
    }
    if (kind == "coding") {
        return name_of("code", e.fields[field::kCode]) + " by " +
               name_of("coder", e.fields[field::kCoder]) + " in " +
               name_of("document", e.fields[field::kDocument]) + " [" + e.fields[field::kStart] +
               ", " + e.fields[field::kEnd] + ")";
    }
    if (kind == "memo") {
        const std::string title = e.fields[field::kTitle];
        return (title.empty() ? shortened(e.fields[field::kText], 40) : title) + " (" +
               e.fields[field::kTargetKind] + " memo)";
    }
    if (kind == "value") {
        return e.fields[field::kAttribute] + " of " +
               name_of(e.fields[field::kOwnerKind], e.fields[field::kOwner]);
    }
    if (kind == "link") {
        return name_of("case", e.fields[0]) + " in " + name_of("document", e.fields[1]);
    }
    if (kind == "member") {
        return name_of("document", e.fields[1]) + " in group " + name_of("group", e.fields[0]);
    }
    return e.fields.empty() ? e.guid : e.fields[0];
}

const char* noun(const std::string& kind) {
    static const std::map<std::string, const char*> nouns = {
        {"coder", "coder"},       {"attribute", "attribute"}, {"code", "code"},
        {"document", "document"}, {"case", "case"},           {"value", "attribute value"},
        {"link", "case link"},    {"group", "group"},         {"member", "group membership"},
        {"coding", "coding"},     {"memo", "memo"},           {"query", "saved query"}};
    const auto it = nouns.find(kind);
    return it == nouns.end() ? "entity" : it->second;
}

class Planner {
public:
    Planner(Work& w, const team::MergeOptions& o) : w_(w), options_(o) {}

    void run() {
        for (const char* kind : kKinds) {
            plan_kind(kind);
        }
    }

private:
    std::string mapped(const std::string& kind, const std::string& their_guid) const {
        if (their_guid.empty()) {
            return their_guid;
        }
        const auto k = w_.to_ours.find(kind);
        if (k != w_.to_ours.end()) {
            const auto it = k->second.find(their_guid);
            if (it != k->second.end()) {
                return it->second;
            }
        }
        return their_guid;
    }

    // Their entity in our GUIDs; false when it hangs on something left out.
    bool translate(const std::string& kind, Entity& e) {
        auto& f = e.fields;
        if (kind == "code") {
            f[field::kParent] = mapped("code", f[field::kParent]);
            e.fingerprint = digest(f);
            const auto parent = w_.translated["code"].find(f[field::kParent]);
            e.key = parent == w_.translated["code"].end() || f[field::kParent].empty()
                        ? f[field::kName]
                        : parent->second.key + "/" + f[field::kName];
        } else if (kind == "coding") {
            f[field::kDocument] = mapped("document", f[field::kDocument]);
            f[field::kCode] = mapped("code", f[field::kCode]);
            f[field::kCoder] = mapped("coder", f[field::kCoder]);
            if (f[field::kDocument].empty()) {
                return false;
            }
            e.key = joined_key({f[0], f[1], f[2], f[3], f[4]});
            e.fingerprint = digest({f[0], f[1], f[2], f[3], f[4], f[5]});
        } else if (kind == "memo") {
            if (f[field::kTargetKind] != "project") {
                f[field::kTarget] = mapped(f[field::kTargetKind], f[field::kTarget]);
                if (f[field::kTarget].empty()) {
                    return false;
                }
            }
            f[field::kAuthor] = mapped("coder", f[field::kAuthor]);
            e.fingerprint = digest({f[0], f[1], f[2], f[3]});
        } else if (kind == "value") {
            f[field::kOwner] = mapped(f[field::kOwnerKind], f[field::kOwner]);
            if (f[field::kOwner].empty()) {
                return false;
            }
            e.guid = e.key = f[field::kOwner] + "|" + f[field::kAttribute];
        } else if (kind == "link") {
            f[0] = mapped("case", f[0]);
            f[1] = mapped("document", f[1]);
            if (f[1].empty()) {
                return false;
            }
            e.guid = e.key = f[0] + "|" + f[1] + "|" + f[2] + "|" + f[3];  // as the snapshot
        } else if (kind == "member") {
            f[0] = mapped("group", f[0]);
            f[1] = mapped("document", f[1]);
            if (f[1].empty()) {
                return false;
            }
            e.guid = e.key = f[0] + "|" + f[1];
        }
        return true;
    }

    // Our entity their (translated) one is: by GUID, then by what the kind may match by.
    std::string match(const std::string& kind, const Entity& t) {
        const Entities& ours = w_.ours.of(kind);
        if (ours.count(t.guid) != 0) {
            return t.guid;
        }
        if (kind == "memo" || t.key.empty()) {
            return "";
        }
        auto& index = by_key_[kind];
        if (index.empty()) {
            for (const auto& [guid, e] : ours) {
                index.emplace(kind == "coding" ? coding_key(e) : e.key, guid);
            }
        }
        const auto it = index.find(t.key);
        if (it == index.end()) {
            return "";
        }
        if (kind == "code" && !options_.match_codes_by_path) {
            conflict("code path taken", t.key, "a code of this path (another GUID)",
                     "a code of this path", "");
            return "";
        }
        if (kind != "coding" && kind != "value" && kind != "link" && kind != "member") {
            change(kind, "match", describe(kind, t, w_),
                   kind == "document" ? "the same text (SHA-256) under another GUID"
                   : kind == "code"   ? "the same path under another GUID"
                                      : "the same name under another GUID");
        }
        return it->second;
    }

    void change(const std::string& kind, const std::string& action, const std::string& name,
                const std::string& detail) {
        w_.plan.changes.push_back({noun(kind), action, name, detail});
    }

    void conflict(const std::string& kind, const std::string& name, const std::string& ours,
                  const std::string& theirs, const std::string& resolution) {
        w_.plan.conflicts.push_back({kind, name, ours, theirs, resolution});
    }

    std::optional<std::string> base_fp(const std::string& kind, const std::string& guid) const {
        if (!w_.base) {
            return std::nullopt;
        }
        const auto k = w_.base->find(kind);
        if (k == w_.base->end()) {
            return std::nullopt;
        }
        const auto it = k->second.find(guid);
        if (it == k->second.end()) {
            return std::nullopt;
        }
        return it->second;
    }

    void op(const std::string& kind, Action a, const std::string& guid, const Entity* t,
            const std::string& their_guid = "") {
        Op o;
        o.kind = kind;
        o.action = a;
        o.guid = guid;
        if (t != nullptr) {
            o.theirs = *t;
        }
        o.their_guid = their_guid;
        w_.ops.push_back(std::move(o));
    }

    // What an entity's state is, to compare two of them.
    std::string detail_of(const std::string& kind, const Entity& e) const {
        if (kind == "value") {
            return e.fields[field::kValue];
        }
        if (kind == "memo") {
            return shortened(e.fields[field::kText], 80);
        }
        if (kind == "coding") {
            return "[" + e.fields[field::kStart] + ", " + e.fields[field::kEnd] + ")" +
                   (e.fields[field::kMemo].empty() ? "" : " memo: " + e.fields[field::kMemo]);
        }
        return describe(kind, e, w_);
    }

    bool prefer_theirs() const { return options_.prefer == team::Prefer::Theirs; }
    std::string resolution(const char* if_ours, const char* if_theirs) const {
        switch (options_.prefer) {
            case team::Prefer::Ours:
                return if_ours;
            case team::Prefer::Theirs:
                return if_theirs;
            default:
                return "";
        }
    }

    void plan_kind(const std::string& kind);
    void both_sides(const std::string& kind, const std::string& guid, const Entity& o,
                    const Entity& t, const std::string& their_guid);
    void theirs_only(const std::string& kind, const Entity& t, const std::string& their_guid);
    void ours_only(const std::string& kind, const Entity& o);

    Work& w_;
    const team::MergeOptions& options_;
    std::map<std::string, std::unordered_multimap<std::string, std::string>> by_key_;
    std::unordered_set<std::string> matched_;  // kind + our GUID
};

void Planner::plan_kind(const std::string& kind) {
    const Entities& theirs = w_.theirs.of(kind);
    std::vector<const Entity*> order;
    if (kind == "code") {
        for (const std::string& g : w_.theirs.code_order) {
            order.push_back(&theirs.at(g));
        }
    } else {
        // In GUID order: the plan reads the same every time.
        for (const auto& [g, e] : theirs) {
            order.push_back(&e);
        }
        std::sort(order.begin(), order.end(),
                  [](const Entity* a, const Entity* b) { return a->guid < b->guid; });
    }
    for (const Entity* their : order) {
        Entity t = *their;
        if (!translate(kind, t)) {
            continue;
        }
        const std::string ours_guid = match(kind, t);
        const std::string key = ours_guid.empty() ? t.guid : ours_guid;
        w_.to_ours[kind][their->guid] = key;
        if (!ours_guid.empty()) {
            matched_.insert(kind + "\x1f" + ours_guid);
            t.guid = ours_guid;
            both_sides(kind, ours_guid, w_.ours.of(kind).at(ours_guid), t, their->guid);
        } else {
            theirs_only(kind, t, their->guid);
        }
        if (kind == "coding") {
            t.key.clear();  // only the GUID and fingerprint are kept for the base
            t.fields.clear();
        }
        w_.translated[kind][t.guid] = std::move(t);
    }
    std::vector<const Entity*> only_ours;
    for (const auto& [guid, o] : w_.ours.of(kind)) {
        if (matched_.count(kind + "\x1f" + guid) == 0) {
            only_ours.push_back(&o);
        }
    }
    std::sort(only_ours.begin(), only_ours.end(),
              [](const Entity* a, const Entity* b) { return a->guid < b->guid; });
    for (const Entity* o : only_ours) {
        ours_only(kind, *o);
    }
}

void Planner::both_sides(const std::string& kind, const std::string& guid, const Entity& o,
                         const Entity& t, const std::string& their_guid) {
    if (o.fingerprint == t.fingerprint) {
        return;
    }
    const std::optional<std::string> base = base_fp(kind, guid);
    if (base && *base == t.fingerprint) {
        return;  // changed here only: ours stands
    }
    const std::string name = describe(kind, o, w_);
    if (kind == "document" && o.fields[1] != t.fields[1]) {
        // The same GUID, another text: never merged into one.
        conflict("document text differs", name, "this text", "another text",
                 resolution("keep ours; their codings of it are left out",
                            "add theirs beside ours as another document"));
        if (prefer_theirs()) {
            // Theirs comes in as a document of its own, its codings with it.
            Entity copy = t;
            copy.guid = util::new_guid();
            copy.fields[0] += " (" + w_.origin + ")";
            change(kind, "add", copy.fields[0], "their text of " + name);
            op(kind, Action::Add, copy.guid, &copy, their_guid);
            w_.to_ours["document"][their_guid] = copy.guid;
        } else {
            w_.to_ours["document"][their_guid] = "";
        }
        return;
    }
    if (base && *base == o.fingerprint) {
        change(kind, "update", name, detail_of(kind, t));
        op(kind, Action::Update, guid, &t);
        return;
    }
    std::string ours_detail = detail_of(kind, o);
    std::string theirs_detail = detail_of(kind, t);
    if (ours_detail == theirs_detail && kind == "code") {
        // The same path: say which of the other fields differ.
        static const char* const names[] = {"name",      "parent",    "colour",  "definition",
                                            "inclusion", "exclusion", "example", "codable"};
        std::string fields;
        for (std::size_t i = 0; i < o.fields.size() && i < t.fields.size(); ++i) {
            if (o.fields[i] != t.fields[i]) {
                fields += (fields.empty() ? "" : ", ") + std::string(names[i]);
            }
        }
        ours_detail += " (its " + fields + ")";
        theirs_detail += " (another " + fields + ")";
    }
    conflict(std::string(noun(kind)) + (base ? " changed on both sides" : " differs (no base)"),
             name, ours_detail, theirs_detail, resolution("keep ours", "take theirs"));
    if (prefer_theirs()) {
        op(kind, Action::Update, guid, &t);
    }
}

void Planner::theirs_only(const std::string& kind, const Entity& t, const std::string& their_guid) {
    const std::optional<std::string> base = base_fp(kind, t.guid);
    const std::string name = describe(kind, t, w_);
    if (base) {
        if (*base == t.fingerprint) {
            return;  // deleted here, unchanged there: stays deleted
        }
        conflict(std::string(noun(kind)) + " deleted here, changed there", name, "deleted",
                 describe(kind, t, w_), resolution("leave it deleted", "bring theirs back"));
        if (!prefer_theirs()) {
            return;
        }
    }
    change(kind, "add", name, "");
    op(kind, Action::Add, t.guid, &t, their_guid);
}

void Planner::ours_only(const std::string& kind, const Entity& o) {
    const std::optional<std::string> base = base_fp(kind, o.guid);
    if (!base) {
        return;  // ours alone: added here, or no base to say they deleted it
    }
    const std::string name = describe(kind, o, w_);
    bool used_here = false;
    if (kind == "code") {
        // Deleted there: codings of it made here since the base would go with it.
        for (const auto& [g, c] : w_.ours.of("coding")) {
            if (c.fields[field::kCode] == o.guid && !base_fp("coding", g)) {
                used_here = true;
            }
        }
    }
    if (kind == "document" || *base != o.fingerprint || used_here) {
        const std::string why = kind == "document" ? " deleted there"
                                : used_here        ? " deleted there, used here"
                                                   : " changed here, deleted there";
        conflict(std::string(noun(kind)) + why, name, "kept", "deleted",
                 resolution("keep ours", "delete it"));
        if (!prefer_theirs()) {
            return;
        }
    }
    change(kind, "delete", name, "");
    op(kind, Action::Delete, o.guid, nullptr);
}

}  // namespace

void plan(Work& w, const team::MergeOptions& options) {
    Planner(w, options).run();
}

}  // namespace quire::team_detail
