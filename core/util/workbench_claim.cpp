// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/workbench_claim.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <system_error>
#include <thread>

#include "core/util/paths.h"

namespace quire::util {
namespace fs = std::filesystem;

namespace {

struct ClaimPaths {
    std::string lock;
    std::string socket;
};

// FNV-1a: a stable name for the project's path, the same in every process.
std::string path_key(const std::string& path) {
    std::uint64_t hash = 14695981039346656037ull;
    for (const unsigned char c : path) {
        hash = (hash ^ c) * 1099511628211ull;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return hex;
}

// A folder for the locks and sockets that only this user can enter.
std::optional<fs::path> private_folder() {
    fs::path dir;
    if (const char* runtime = std::getenv("XDG_RUNTIME_DIR");
        runtime != nullptr && runtime[0] == '/') {
        dir = fs::path(runtime) / "quire";
    } else {
        try {
            dir = fs::path(user_cache_dir()) / "run";
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    struct stat info {};
    if (ec || ::chmod(dir.c_str(), 0700) != 0 || ::stat(dir.c_str(), &info) != 0 ||
        info.st_uid != ::getuid()) {
        return std::nullopt;
    }
    return dir;
}

std::optional<ClaimPaths> claim_paths(const std::string& project_path) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(fs::absolute(project_path, ec), ec);
    if (ec) {
        return std::nullopt;
    }
    const std::optional<fs::path> dir = private_folder();
    if (!dir) {
        return std::nullopt;
    }
    const std::string key = path_key(canonical.string());
    ClaimPaths paths{(*dir / (key + ".lock")).string(), (*dir / (key + ".socket")).string()};
    if (paths.socket.size() >= sizeof(sockaddr_un::sun_path)) {
        return std::nullopt;
    }
    return paths;
}

sockaddr_un socket_address(const std::string& path) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    return address;
}

void set_timeouts(int fd) {
    const timeval two_seconds{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &two_seconds, sizeof two_seconds);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &two_seconds, sizeof two_seconds);
}

bool raise_through(const std::string& socket_path) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return false;
    }
    set_timeouts(fd);
    const sockaddr_un address = socket_address(socket_path);
    char reply[8] = {};
    const bool answered =
        ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 &&
        ::send(fd, "raise\n", 6, MSG_NOSIGNAL) == 6 &&
        ::recv(fd, reply, sizeof reply - 1, 0) >= 2 && std::strncmp(reply, "ok", 2) == 0;
    ::close(fd);
    return answered;
}

}  // namespace

struct WorkbenchClaim::State {
    ClaimPaths paths;
    std::function<void()> on_raise;
    int lock_fd = -1;
    int listen_fd = -1;
    int wake[2] = {-1, -1};
    std::thread listener;

    void listen_loop() {
        for (;;) {
            pollfd fds[2] = {{listen_fd, POLLIN, 0}, {wake[0], POLLIN, 0}};
            if (::poll(fds, 2, -1) < 0) {
                if (errno == EINTR) {
                    continue;
                }
                return;
            }
            if (fds[1].revents != 0) {
                return;
            }
            const int client = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
            if (client < 0) {
                continue;
            }
            set_timeouts(client);
            char request[16] = {};
            if (::recv(client, request, sizeof request - 1, 0) >= 5 &&
                std::strncmp(request, "raise", 5) == 0) {
                on_raise();
                ::send(client, "ok\n", 3, MSG_NOSIGNAL);
            }
            ::close(client);
        }
    }

    ~State() {
        if (listener.joinable()) {
            const char stop = 1;
            (void)!::write(wake[1], &stop, 1);
            listener.join();
        }
        for (const int fd : {listen_fd, wake[0], wake[1]}) {
            if (fd >= 0) {
                ::close(fd);
            }
        }
        if (listen_fd >= 0) {
            ::unlink(paths.socket.c_str());
        }
        if (lock_fd >= 0) {
            ::close(lock_fd);  // releases the lock; the file stays for the next claim
        }
    }
};

WorkbenchClaim::WorkbenchClaim(std::unique_ptr<State> state) : state_(std::move(state)) {}

WorkbenchClaim::~WorkbenchClaim() = default;

std::unique_ptr<WorkbenchClaim> WorkbenchClaim::claim(const std::string& project_path,
                                                      std::function<void()> on_raise,
                                                      bool raise_owner, Outcome& outcome) {
    outcome = Outcome::Unavailable;
    const std::optional<ClaimPaths> paths = claim_paths(project_path);
    if (!paths) {
        return nullptr;
    }
    auto state = std::make_unique<State>();
    state->paths = *paths;
    state->on_raise = std::move(on_raise);
    state->lock_fd = ::open(paths->lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (state->lock_fd < 0) {
        return nullptr;
    }
    if (::flock(state->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        outcome = errno == EWOULDBLOCK ? Outcome::HeldElsewhere : Outcome::Unavailable;
        if (outcome == Outcome::HeldElsewhere && raise_owner) {
            // The owner may have taken the lock a moment ago and not be listening yet.
            for (int attempt = 0; attempt < 20 && !raise_through(paths->socket); ++attempt) {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        }
        return nullptr;
    }
    outcome = Outcome::Claimed;
    // A socket left by an owner that crashed is ours to replace: we hold the lock.
    ::unlink(paths->socket.c_str());
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_un address = socket_address(paths->socket);
    if (fd >= 0 && ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 &&
        ::listen(fd, 4) == 0 && ::pipe2(state->wake, O_CLOEXEC) == 0) {
        state->listen_fd = fd;
        State* listening = state.get();
        try {
            state->listener = std::thread([listening] { listening->listen_loop(); });
        } catch (const std::system_error&) {
            // Without a listener the claim still keeps out a second writer.
        }
    } else if (fd >= 0) {
        ::close(fd);
    }
    return std::unique_ptr<WorkbenchClaim>(new WorkbenchClaim(std::move(state)));
}

bool ask_owner_to_raise(const std::string& project_path) {
    const std::optional<ClaimPaths> paths = claim_paths(project_path);
    return paths && raise_through(paths->socket);
}

}  // namespace quire::util
