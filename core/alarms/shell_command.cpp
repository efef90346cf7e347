#include "alarms/shell_command.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <system_error>

extern char** environ;

namespace dynadesk::alarms {

namespace {

std::string errnoText(int err) { return std::error_code(err, std::generic_category()).message(); }

// posix_spawn's attribute and file-action objects, released on every path.
struct SpawnSetup {
  posix_spawnattr_t attr{};
  posix_spawn_file_actions_t actions{};
  bool attrReady = false;
  bool actionsReady = false;
  ~SpawnSetup() {
    if (attrReady) posix_spawnattr_destroy(&attr);
    if (actionsReady) posix_spawn_file_actions_destroy(&actions);
  }
};

int openPidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  errno = ENOSYS;
  return -1;
#endif
}

// Kills the child's whole process group and reaps the child.
void killAndReap(pid_t pid) {
  ::kill(-pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
}

CommandOutcome outcomeOf(int status) {
  CommandOutcome out;
  if (WIFEXITED(status)) {
    out.kind = CommandOutcome::Kind::Exited;
    out.exitCode = WEXITSTATUS(status);
  } else {
    out.kind = CommandOutcome::Kind::Killed;
    out.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  }
  return out;
}

}  // namespace

std::string CommandOutcome::describe() const {
  switch (kind) {
    case Kind::Exited: return "the command exited with status " + std::to_string(exitCode);
    case Kind::Killed: return "the command was ended by signal " + std::to_string(signal);
    case Kind::TimedOut: return "the command did not finish in time and was killed";
    case Kind::Stopped: return "Dynadesk stopped before the command finished";
    case Kind::SpawnFailed: return "the command could not be started: " + error;
  }
  return error;
}

CommandOutcome runShellCommand(const std::string& command,
                               const std::vector<std::pair<std::string, std::string>>& environment,
                               std::chrono::milliseconds timeout, int stopFd) {
  CommandOutcome failed;
  failed.kind = CommandOutcome::Kind::SpawnFailed;

  // Everything the child needs is built before it exists.
  std::set<std::string> replaced;
  std::vector<std::string> envStrings;
  for (const auto& [name, value] : environment) {
    replaced.insert(name);
    envStrings.push_back(name + "=" + value);
  }
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    const std::string name(entry.substr(0, entry.find('=')));
    if (!replaced.contains(name)) envStrings.emplace_back(entry);
  }
  std::vector<char*> envp;
  for (auto& s : envStrings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::string shell = "/bin/sh", dashC = "-c", commandLine = command;
  char* argv[] = {shell.data(), dashC.data(), commandLine.data(), nullptr};

  SpawnSetup setup;
  if (posix_spawnattr_init(&setup.attr) != 0) {
    failed.error = "posix_spawnattr_init failed";
    return failed;
  }
  setup.attrReady = true;
  if (posix_spawn_file_actions_init(&setup.actions) != 0) {
    failed.error = "posix_spawn_file_actions_init failed";
    return failed;
  }
  setup.actionsReady = true;

  sigset_t none;
  sigemptyset(&none);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGCHLD, SIGUSR1, SIGUSR2, SIGALRM}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigmask(&setup.attr, &none);
  posix_spawnattr_setsigdefault(&setup.attr, &defaults);
  posix_spawnattr_setpgroup(&setup.attr, 0);
  posix_spawnattr_setflags(&setup.attr,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawn_file_actions_addopen(&setup.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  // The child must not keep the engine's descriptors (sockets, the data
  // folder's files) open after Dynadesk exits.
  posix_spawn_file_actions_addclosefrom_np(&setup.actions, STDERR_FILENO + 1);
#endif

  pid_t pid = -1;
  const int rc = posix_spawn(&pid, "/bin/sh", &setup.actions, &setup.attr, argv, envp.data());
  if (rc != 0) {
    failed.error = errnoText(rc);
    return failed;
  }

  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const int pidfd = openPidfd(pid);
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      if (pidfd >= 0) ::close(pidfd);
      return outcomeOf(status);
    }
    if (done < 0 && errno != EINTR) {
      // Someone else reaped it (SIGCHLD ignored process-wide): the status is gone.
      if (pidfd >= 0) ::close(pidfd);
      failed.error = "its exit status was not available (" + errnoText(errno) + ")";
      return failed;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      killAndReap(pid);
      if (pidfd >= 0) ::close(pidfd);
      CommandOutcome out;
      out.kind = CommandOutcome::Kind::TimedOut;
      return out;
    }
    // Wait for the child to end (its pidfd becomes readable) or the stop
    // signal. Without pidfds (old kernels) look again every 20 ms.
    pollfd fds[2];
    nfds_t count = 0;
    if (pidfd >= 0) fds[count++] = pollfd{pidfd, POLLIN, 0};
    if (stopFd >= 0) fds[count++] = pollfd{stopFd, POLLIN, 0};
    const int waitMs = pidfd >= 0 ? static_cast<int>(std::min<long long>(left.count(), 60'000)) : 20;
    const int ready = ::poll(fds, count, waitMs);
    if (ready > 0 && stopFd >= 0 && (fds[count - 1].revents & POLLIN)) {
      if (::waitpid(pid, &status, WNOHANG) == pid) {  // it finished just as we were told to stop
        if (pidfd >= 0) ::close(pidfd);
        return outcomeOf(status);
      }
      killAndReap(pid);
      if (pidfd >= 0) ::close(pidfd);
      CommandOutcome out;
      out.kind = CommandOutcome::Kind::Stopped;
      return out;
    }
  }
}

}  // namespace dynadesk::alarms
