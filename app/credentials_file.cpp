#include "credentials_file.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

namespace dynadesk::app {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

struct Section {
  std::string name;
  int line = 0;
  std::string accessKeyId, secretAccessKey;
};

}  // namespace

Result<std::map<std::string, std::string>> parseAccessKeys(const std::string& text, const std::string& name) {
  std::map<std::string, std::string> keys;
  Section section;
  // Adds the finished section's key, if it has one.
  auto close = [&]() -> Status {
    if (section.accessKeyId.empty() && section.secretAccessKey.empty()) return Status::ok();
    const std::string where = section.name.empty() ? "the start of " + name
                                                   : "[" + section.name + "] (line " + std::to_string(section.line) +
                                                         ") in " + name;
    if (section.accessKeyId.empty()) return Status::validation(where + " has aws_secret_access_key but no aws_access_key_id.");
    if (section.secretAccessKey.empty()) return Status::validation(where + " has aws_access_key_id but no aws_secret_access_key.");
    auto [it, inserted] = keys.emplace(section.accessKeyId, section.secretAccessKey);
    if (!inserted && it->second != section.secretAccessKey) {
      return Status::validation("The access key " + section.accessKeyId + " appears twice in " + name +
                                " with different secrets.");
    }
    return Status::ok();
  };

  std::istringstream lines(text);
  std::string raw;
  int lineNumber = 0;
  while (std::getline(lines, raw)) {
    ++lineNumber;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      DYNADESK_RETURN_IF_ERROR(close());
      const std::size_t end = line.find(']');
      if (end == std::string_view::npos) {
        return Status::validation("Line " + std::to_string(lineNumber) + " of " + name +
                                  " opens a [section] heading but does not close it.");
      }
      section = Section{std::string(trim(line.substr(1, end - 1))), lineNumber, {}, {}};
      continue;
    }
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;  // not a setting; the AWS tools ignore such lines too
    const std::string key = lower(trim(line.substr(0, eq)));
    const std::string_view value = trim(line.substr(eq + 1));
    if (key == "aws_access_key_id") section.accessKeyId = std::string(value);
    if (key == "aws_secret_access_key") section.secretAccessKey = std::string(value);
  }
  DYNADESK_RETURN_IF_ERROR(close());
  if (keys.empty()) {
    std::string subject = name;
    if (!subject.empty() && subject[0] >= 'a' && subject[0] <= 'z') subject[0] = static_cast<char>(subject[0] - 'a' + 'A');
    return Status::validation(subject + " holds no access keys: it needs aws_access_key_id and "
                              "aws_secret_access_key under a [profile] heading.");
  }
  return keys;
}

Result<std::map<std::string, std::string>> loadAccessKeys(const std::string& path) {
  std::string resolved = path;
  if (resolved.starts_with("~/")) {
    if (const char* home = std::getenv("HOME"); home && *home) resolved = std::string(home) + resolved.substr(1);
  }
  std::error_code ec;
  if (std::filesystem::is_directory(resolved, ec)) {
    return Status::validation("The credentials file " + resolved + " is a folder; give the file inside it.");
  }
  std::ifstream in(resolved, std::ios::binary);
  if (!in) {
    return Status::validation("Cannot read the credentials file " + resolved + ": " + std::strerror(errno) + ".");
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    return Status::validation("Cannot read the credentials file " + resolved + ": " + std::strerror(errno) + ".");
  }
  return parseAccessKeys(text.str(), "the credentials file " + resolved);
}

}  // namespace dynadesk::app
