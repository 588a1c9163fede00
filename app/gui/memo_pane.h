// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <wx/panel.h>
#include <wx/timer.h>

#include <array>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "core/base/model.h"
#include "core/project/project.h"

class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace quire::gui {

// What a memo is about, as the memo pane names it ("Document “Staff 01”").
struct MemoTarget {
    Memo::Target kind = Memo::Target::Project;
    std::optional<Id> id;  // none for the project
    std::string name;
};

// What has a memo, for the marks beside documents, codes, codings and cases.
struct MemoMarks {
    bool project = false;
    std::set<Id> documents;
    std::set<Id> codes;
    std::set<Id> codings;
    std::set<Id> cases;
    bool has(Memo::Target kind, Id id) const;
};
MemoMarks memo_marks(Project& project);

// The mark after the name of anything with a memo.
inline constexpr const char* kMemoMark = " \u270E";

// The memo the pane shows for a target: the one by `coder` when there is one, else the
// oldest; nullopt when the target has none.
std::optional<Memo> memo_of(Project& project, Memo::Target kind, std::optional<Id> id,
                            std::optional<Id> coder);

// The memo of what is selected, written beside the transcript. There is no Save: the text
// is saved when typing pauses (kSaveDelayMs), when the pane loses focus and before it shows
// another memo. The first text creates the memo, emptying the box removes it.
//
// Each save is one journal entry, so a memo typed in one go is one undo step; a memo
// typed with pauses is one step per burst of typing: undo takes back the last burst.
class MemoPane : public wxPanel {
public:
    static constexpr int kSaveDelayMs = 700;

    struct Callbacks {
        // Names the next change in the journal ("Edit Memo").
        std::function<void(const std::string& what)> label;
        // The coder new memos are by.
        std::function<std::string()> coder;
        // After a save: whether a memo was created or removed (marks must be redrawn) and
        // what to say in the status bar.
        std::function<void(bool created_or_removed, const std::string& status)> saved;
    };

    MemoPane(wxWindow* parent, Callbacks callbacks);
    ~MemoPane() override;

    // The project whose memos are shown; null when none is open (pending text is saved
    // first).
    void set_project(Project* project);
    // What the selection offers to write about, by kind; `show` switches the pane to it.
    // A target of nullopt takes the kind off the choice (nothing of that kind selected).
    void offer(Memo::Target kind, std::optional<MemoTarget> target, bool show);
    // Shows the memo of one of the offered kinds.
    void show_kind(Memo::Target kind);
    std::optional<MemoTarget> shown() const;
    std::optional<MemoTarget> offered(Memo::Target kind) const {
        return offered_[static_cast<std::size_t>(kind)];
    }
    // Reads the shown memo again from the file (after undo, or another program's change).
    void reload();
    // Saves typed text now; false when there was nothing to save or saving failed.
    bool save_now();
    void focus_text();
    wxTextCtrl* text_box() const { return text_; }

private:
    void rebuild_choice();
    void load();
    void on_typed();

    Callbacks callbacks_;
    Project* project_ = nullptr;
    std::array<std::optional<MemoTarget>, 5> offered_;  // by Memo::Target
    std::optional<Memo::Target> shown_kind_;
    std::optional<Memo> memo_;  // the shown target's memo, as saved
    std::string saved_text_;    // what the file holds for the shown target
    bool loading_ = false;      // the box is being filled, not typed in
    wxChoice* about_ = nullptr;
    wxStaticText* state_ = nullptr;
    wxTextCtrl* text_ = nullptr;
    wxTimer pause_;
};

// Shows every memo of the project, filtered by kind, author and words; double-click (or
// Open) chooses one. Returns the chosen memo's entry, nullopt when closed without one.
std::optional<MemoEntry> choose_memo(wxWindow* parent, Project& project);

// The memos that match: `kind` and `author` empty for any, every word of `words` in the
// title or text (case folded).
std::vector<MemoEntry> filter_memos(const std::vector<MemoEntry>& entries, const std::string& kind,
                                    const std::string& author, const std::string& words);

}  // namespace quire::gui
