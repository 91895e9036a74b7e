// Child processes of an experiment; see child_process.hpp.
#include "experiment/child_process.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <thread>

#include "core/errors.hpp"

namespace gigsim {
namespace {

double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& arguments,
                           const std::filesystem::path& log_path)
    : log_path_(log_path) {
  std::vector<std::string> argv_text{"gigsim"};
  argv_text.insert(argv_text.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (std::string& argument : argv_text) argv.push_back(argument.data());
  argv.push_back(nullptr);
  // Everything the child needs is prepared before fork: between fork and exec only
  // async-signal-safe calls are allowed.
  // The log's folder is made here, and made again should it vanish before the file is open:
  // an experiment removes empty prefix folders when it ends, and shards of one experiment (or
  // an MPI rank handed the task) may start a run in such a folder at that moment.
  int log = -1;
  for (int attempt = 0; attempt < 3 && log < 0; ++attempt) {
    std::error_code folder_error;
    std::filesystem::create_directories(log_path.parent_path(), folder_error);
    log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (log < 0 && errno != ENOENT) break;
  }
  if (log < 0) {
    throw RuntimeFailure("cannot create log file '" + log_path.string() +
                         "': " + std::strerror(errno));
  }
  const int null_device = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  const pid_t parent = ::getpid();
  started_ = now_seconds();
  pid_ = ::fork();
  if (pid_ == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(130);  // the parent died before prctl
    ::dup2(null_device, STDIN_FILENO);
    ::dup2(null_device, STDOUT_FILENO);
    ::dup2(log, STDERR_FILENO);
    ::execv("/proc/self/exe", argv.data());
    const char message[] = "gigsim experiment: cannot execute /proc/self/exe\n";
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(127);
  }
  const int fork_error = errno;
  ::close(log);
  if (null_device >= 0) ::close(null_device);
  if (pid_ < 0) {
    throw RuntimeFailure(std::string("cannot start a run (fork): ") + std::strerror(fork_error));
  }
}

std::optional<ChildExit> ChildProcess::poll() {
  int status = 0;
  const pid_t done = ::waitpid(pid_, &status, WNOHANG);
  if (done == 0) return std::nullopt;
  ChildExit exit;
  exit.wall_seconds = now_seconds() - started_;
  if (done < 0) {
    exit.exit_code = -1;
  } else if (WIFEXITED(status)) {
    exit.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    exit.signal = WTERMSIG(status);
  }
  return exit;
}

void ChildProcess::interrupt() {
  if (pid_ > 0) ::kill(pid_, SIGINT);
}

std::string log_tail(const std::filesystem::path& path, std::size_t max_lines,
                     std::size_t max_bytes) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return "";
  file.seekg(0, std::ios::end);
  const std::streamoff size = file.tellg();
  const std::streamoff start = size > static_cast<std::streamoff>(max_bytes)
                                   ? size - static_cast<std::streamoff>(max_bytes)
                                   : 0;
  file.seekg(start);
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  // Progress lines end in '\r'; keep what a terminal would show.
  std::vector<std::string> lines;
  std::string line;
  for (char c : text) {
    if (c == '\n') {
      if (!line.empty()) lines.push_back(line);
      line.clear();
    } else if (c == '\r') {
      line.clear();
    } else {
      line.push_back(c);
    }
  }
  if (!line.empty()) lines.push_back(line);
  if (start > 0 && !lines.empty()) lines.erase(lines.begin());  // cut in the middle
  const std::size_t first = lines.size() > max_lines ? lines.size() - max_lines : 0;
  std::string tail;
  for (std::size_t i = first; i < lines.size(); ++i) tail += (tail.empty() ? "" : "\n") + lines[i];
  return tail;
}

std::string describe_failure(const ChildExit& exit, const std::filesystem::path& log_path) {
  std::string cause = exit.signal != 0 ? "killed by signal " + std::to_string(exit.signal) + " (" +
                                             std::string(::strsignal(exit.signal)) + ")"
                                       : "exit code " + std::to_string(exit.exit_code);
  const std::string tail = log_tail(log_path);
  return tail.empty() ? cause : cause + ": " + tail;
}

int available_cores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) {
    const int count = CPU_COUNT(&set);
    if (count > 0) return count;
  }
  const unsigned hardware = std::thread::hardware_concurrency();
  return hardware > 0 ? static_cast<int>(hardware) : 1;
}

}  // namespace gigsim
