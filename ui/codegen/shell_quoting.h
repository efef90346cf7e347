// Quoting for POSIX shell commands (sh, bash, zsh, dash).
//
// A word made only of characters no shell treats specially is left bare;
// anything else is wrapped in single quotes, inside which a shell interprets
// nothing, and each embedded single quote becomes '\'' (close, escaped quote,
// reopen). Newlines and every other byte are literal inside single quotes.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace dynadesk::ui::codegen {

std::string shellQuote(std::string_view word);

// "--name value" for one CLI option; "--name=value" when the value starts
// with '-', so the CLI's argument parser cannot take it for an option.
std::string cliOption(std::string_view name, std::string_view value);

}  // namespace dynadesk::ui::codegen
