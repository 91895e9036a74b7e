// The one-writer-per-path lock; see output_lock.hpp.
#include "io/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "core/errors.hpp"

namespace gigsim {
namespace {

namespace fs = std::filesystem;

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

bool is_out_of_space(int error) { return error == ENOSPC || error == EDQUOT; }

/// The process id its holder wrote into the lock file ("" if none can be read).
std::string holder_of(int descriptor) {
  std::array<char, 32> text{};
  const ssize_t size = pread(descriptor, text.data(), text.size() - 1, 0);
  if (size <= 0) return "";
  std::string pid(text.data(), static_cast<std::size_t>(size));
  pid = pid.substr(0, pid.find_first_not_of("0123456789"));
  return pid;
}

/// Whether `descriptor` still is the file named `path` (its holder removes the file before it
/// unlocks it, so a lock won on a removed file is worth nothing).
bool names_same_file(int descriptor, const fs::path& path) {
  struct stat held {};
  struct stat named {};
  return fstat(descriptor, &held) == 0 && stat(path.c_str(), &named) == 0 &&
         held.st_dev == named.st_dev && held.st_ino == named.st_ino;
}

}  // namespace

fs::path OutputLock::lock_path(const fs::path& output) {
  return output.parent_path() / ("." + output.filename().string() + ".lock");
}

OutputLock::OutputLock(const fs::path& output) : lock_path_(lock_path(output)) {
  // A removed file can be won at most once per holder that removes it; a handful of rounds is
  // plenty, the bound only stops a pathological loop.
  for (int attempt = 0; attempt < 64 && descriptor_ < 0; ++attempt) {
    const int descriptor =
        open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (descriptor < 0) {
      const int error = errno;
      const std::string message = "cannot create the lock file " + quoted(lock_path_) +
                                  " beside output file " + quoted(output) + ": " +
                                  std::strerror(error);
      if (is_out_of_space(error)) throw RuntimeFailure(message);
      throw InputError(message);
    }
    if (flock(descriptor, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      const std::string holder = holder_of(descriptor);
      close(descriptor);
      if (error == EWOULDBLOCK) {
        throw InputError("another gigsim run" +
                         (holder.empty() ? std::string() : " (process " + holder + ")") +
                         " is writing " + quoted(output) +
                         "; wait for it to finish or give another output file");
      }
      throw RuntimeFailure("cannot lock " + quoted(lock_path_) + ": " + std::strerror(error));
    }
    if (names_same_file(descriptor, lock_path_)) {
      descriptor_ = descriptor;
    } else {
      close(descriptor);
    }
  }
  if (descriptor_ < 0) {
    throw RuntimeFailure("cannot lock " + quoted(lock_path_) +
                         ": it is removed and recreated faster than it can be locked");
  }

  // The holder's pid, for the message a second run prints, then the reserve. A full disk is a
  // runtime failure found before anything is written; a file system without fallocate simply
  // gets no reserve.
  const std::string pid = std::to_string(getpid()) + "\n";
  int error = 0;
  if (ftruncate(descriptor_, 0) != 0 ||
      pwrite(descriptor_, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    error = errno;
  } else {
    error = posix_fallocate(descriptor_, 0, kReserveBytes);
    if (!is_out_of_space(error)) error = 0;
  }
  if (error != 0) {
    release();
    throw RuntimeFailure("cannot write beside output file " + quoted(output) + ": " +
                         std::strerror(error));
  }
}

OutputLock::OutputLock(OutputLock&& other) noexcept
    : lock_path_(std::move(other.lock_path_)), descriptor_(std::exchange(other.descriptor_, -1)) {}

OutputLock::~OutputLock() { release(); }

void OutputLock::release_reserve() {
  if (descriptor_ < 0) return;
  const std::string pid = holder_of(descriptor_);
  static_cast<void>(ftruncate(descriptor_, static_cast<off_t>(pid.size() + 1)));
}

void OutputLock::release() {
  if (descriptor_ < 0) return;
  unlink(lock_path_.c_str());
  close(descriptor_);
  descriptor_ = -1;
}

}  // namespace gigsim
