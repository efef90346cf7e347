// Runs one shell command line (`/bin/sh -c <command>`) to completion, with
// extra environment variables, a time limit and a way to cut it short.
//
// The child is started with posix_spawn (the fork/exec pair that is safe in a
// multi-threaded process: nothing but exec runs in the child), in a process
// group of its own so that a time-out or stop kills the whole group (the shell
// and whatever it started). Its stdin is /dev/null, stdout and stderr are
// inherited, every other descriptor is closed, and signal dispositions are
// reset to their defaults. The child is always reaped.
//
// Thread-safety: may be called from any thread; calls are independent.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace dynadesk::alarms {

struct CommandOutcome {
  enum class Kind {
    Exited,       // exitCode holds the status (0: success)
    Killed,       // ended by a signal it did not choose (signal holds it)
    TimedOut,     // ran past the time limit; its process group was killed
    Stopped,      // stopFd became readable; its process group was killed
    SpawnFailed,  // could not be started (error says why)
  };
  Kind kind = Kind::SpawnFailed;
  int exitCode = 0;
  int signal = 0;
  std::string error;

  bool succeeded() const { return kind == Kind::Exited && exitCode == 0; }
  // "exited with status 3", "timed out after 60 s", ... for history items.
  std::string describe() const;
};

// `environment` entries replace variables of the same name inherited from this
// process. stopFd: a descriptor that becomes readable when the caller wants
// the command ended early (-1: none).
CommandOutcome runShellCommand(const std::string& command,
                               const std::vector<std::pair<std::string, std::string>>& environment,
                               std::chrono::milliseconds timeout, int stopFd);

}  // namespace dynadesk::alarms
