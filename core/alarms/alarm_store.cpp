#include "alarms/alarm_store.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "alarms/alarm_codec.h"
#include "alarms/alarm_evaluation.h"
#include "alarms/alarm_history_log.h"
#include "alarms/alarm_keys.h"
#include "dynadesk/base64.h"

namespace dynadesk::alarms {

namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

constexpr std::size_t kMaxNamesPerCall = 100;
constexpr std::size_t kMaxStateReasonLength = 1023;
constexpr std::size_t kMaxStateReasonDataLength = 4000;
constexpr std::int64_t kTrimIntervalMillis = 60'000;
constexpr char kAlarmTokenTag = 'a';

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

AlarmError constraint(std::string_view field, const std::string& value, const std::string& rule) {
  return AlarmError{AlarmErrorCode::ValidationError, "1 validation error detected: Value '" + value + "' at '" +
                                                         std::string(field) + "' failed to satisfy constraint: " + rule};
}

std::optional<AlarmError> checkNameCount(const std::vector<std::string>& names, std::string_view field) {
  if (names.size() <= kMaxNamesPerCall) return std::nullopt;
  return constraint(field, std::to_string(names.size()) + " names",
                    "Member must have length less than or equal to " + std::to_string(kMaxNamesPerCall));
}

std::vector<std::string> sortedUnique(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

OrderedJson stateJson(const AlarmState& state) {
  OrderedJson j;
  j["stateValue"] = stateValueName(state.value);
  j["stateReason"] = state.reason;
  if (!state.reasonData.empty() && Json::accept(state.reasonData)) {
    j["stateReasonData"] = OrderedJson::parse(state.reasonData);
  }
  return j;
}

AlarmHistoryItem stateUpdateItem(const std::string& name, std::int64_t now, const AlarmState& from,
                                 const AlarmState& to) {
  OrderedJson data;
  data["version"] = "1.0";
  data["oldState"] = stateJson(from);
  data["newState"] = stateJson(to);
  return AlarmHistoryItem{name, now, HistoryItemType::StateUpdate,
                          "Alarm updated from " + std::string(stateValueName(from.value)) + " to " +
                              std::string(stateValueName(to.value)),
                          data.dump()};
}

enum class ConfigChange { Create, Update, Delete };

AlarmHistoryItem configurationItem(ConfigChange change, std::int64_t now, const AlarmDefinition& alarm,
                                   const AlarmDefinition* previous) {
  OrderedJson data;
  data["version"] = "1.0";
  std::string verb;
  switch (change) {
    case ConfigChange::Create:
      data["type"] = "Create";
      data["createdAlarm"] = definitionJson(alarm);
      verb = "created";
      break;
    case ConfigChange::Update: {
      data["type"] = "Update";
      const OrderedJson after = definitionJson(alarm);
      data["updatedAlarm"] = after;
      if (previous) {
        // The fields that changed, with the values they had before.
        const OrderedJson before = definitionJson(*previous);
        OrderedJson changed = OrderedJson::object();
        for (auto it = before.begin(); it != before.end(); ++it) {
          if (!after.contains(it.key()) || after.at(it.key()) != it.value()) changed[it.key()] = it.value();
        }
        data["originalUpdatedFields"] = std::move(changed);
      }
      verb = "updated";
      break;
    }
    case ConfigChange::Delete:
      data["type"] = "Delete";
      data["deletedAlarm"] = definitionJson(alarm);
      verb = "deleted";
      break;
  }
  return AlarmHistoryItem{alarm.name, now, HistoryItemType::ConfigurationUpdate,
                          "Alarm \"" + alarm.name + "\" " + verb, data.dump()};
}

Result<std::optional<StoredAlarm>> readAlarm(const storage::Txn& txn, const std::string& name) {
  DYNADESK_ASSIGN_OR_RETURN(std::optional<std::string_view> bytes, txn.get(alarmKey(name)));
  if (!bytes) return std::optional<StoredAlarm>();
  auto alarm = decodeStoredAlarm(*bytes);
  if (!alarm) return Status::internal("The stored record of alarm " + name + " is corrupt.");
  return std::optional<StoredAlarm>(std::move(alarm));
}

Status writeAlarm(storage::WriteTxn& txn, const StoredAlarm& alarm) {
  return txn.put(alarmKey(alarm.definition.name), encodeStoredAlarm(alarm));
}

Result<std::size_t> countAlarms(const storage::Txn& txn) {
  std::size_t count = 0;
  auto cursor = txn.cursor();
  const std::string prefix = alarmsPrefix();
  DYNADESK_RETURN_IF_ERROR(cursor.seek(prefix));
  while (cursor.valid() && startsWith(cursor.key(), prefix)) {
    ++count;
    DYNADESK_RETURN_IF_ERROR(cursor.next());
  }
  return count;
}

bool hasActionWithPrefix(const AlarmDefinition& d, const std::string& prefix) {
  for (const auto* list : {&d.alarmActions, &d.okActions, &d.insufficientDataActions}) {
    for (const auto& action : *list) {
      if (startsWith(action, prefix)) return true;
    }
  }
  return false;
}

std::string encodeAlarmToken(const std::string& lastName) { return base64Encode(std::string(1, kAlarmTokenTag) + lastName); }

std::optional<std::string> decodeAlarmToken(const std::string& token) {
  auto raw = base64Decode(token);
  if (!raw || raw->empty() || (*raw)[0] != kAlarmTokenTag) return std::nullopt;
  return raw->substr(1);
}

AlarmTransition transitionOf(const StoredAlarm& alarm, AlarmStateValue from, std::int64_t now) {
  AlarmTransition t;
  t.alarmName = alarm.definition.name;
  t.alarmArn = alarm.definition.arn;
  t.oldState = from;
  t.newState = alarm.state.value;
  t.reason = alarm.state.reason;
  t.reasonData = alarm.state.reasonData;
  t.timestampMillis = now;
  if (alarm.definition.actionsEnabled) t.actions = alarm.definition.actionsFor(alarm.state.value);
  return t;
}

}  // namespace

AlarmStore::AlarmStore(storage::Env& env, const metrics::MetricReader& reader, const Clock& clock,
                       AlarmStoreOptions options)
    : env_(env), reader_(reader), clock_(clock), options_(std::move(options)) {}

AlarmResult<AlarmRecord> AlarmStore::put(AlarmDefinition definition) {
  if (auto error = validate(definition)) return *error;
  const std::int64_t now = clock_.nowMillis();
  definition.arn = alarmArn(options_.region, options_.accountId, definition.name);
  definition.configurationUpdatedMillis = now;

  std::optional<AlarmError> refused;
  AlarmRecord stored;
  const Status st = env_.write([&](storage::WriteTxn& txn) -> Status {
    refused.reset();
    DYNADESK_ASSIGN_OR_RETURN(std::optional<StoredAlarm> previous, readAlarm(txn, definition.name));
    StoredAlarm alarm;
    if (previous) {
      alarm = *previous;
    } else {
      DYNADESK_ASSIGN_OR_RETURN(std::size_t count, countAlarms(txn));
      if (count >= options_.maxAlarms) {
        refused = AlarmError{AlarmErrorCode::LimitExceeded, "The quota for alarms for this customer has already been reached."};
        return Status(ErrorType::LimitExceededException, refused->message);
      }
      alarm.state = AlarmState{AlarmStateValue::InsufficientData, std::string(kInitialStateReason), "", now, now};
    }
    alarm.definition = definition;
    ++alarm.revision;
    ++alarm.configRevision;
    DYNADESK_RETURN_IF_ERROR(writeAlarm(txn, alarm));
    DYNADESK_RETURN_IF_ERROR(appendHistoryItem(
        txn, configurationItem(previous ? ConfigChange::Update : ConfigChange::Create, now, alarm.definition,
                               previous ? &previous->definition : nullptr)));
    stored = AlarmRecord{alarm.definition, alarm.state};
    return Status::ok();
  });
  if (refused) return *refused;
  if (!st.isOk()) return fromStorage(st);
  return stored;
}

AlarmResult<DescribeAlarmsPage> AlarmStore::describe(const DescribeAlarmsRequest& request) const {
  if (request.maxRecords < 1 || request.maxRecords > 100) {
    return constraint("maxRecords", std::to_string(request.maxRecords),
                      request.maxRecords < 1 ? "Member must have value greater than or equal to 1"
                                             : "Member must have value less than or equal to 100");
  }
  if (auto error = checkNameCount(request.names, "alarmNames")) return *error;
  if (!request.names.empty() && request.namePrefix) {
    return AlarmError{AlarmErrorCode::InvalidParameterCombination,
                      "AlarmNames and AlarmNamePrefix cannot be used together."};
  }
  std::optional<std::string> after;
  if (request.nextToken) {
    after = decodeAlarmToken(*request.nextToken);
    if (!after) return AlarmError{AlarmErrorCode::InvalidNextToken, "The NextToken is not valid."};
  }
  auto matches = [&](const StoredAlarm& a) {
    if (request.stateValue && a.state.value != *request.stateValue) return false;
    if (request.actionPrefix && !hasActionWithPrefix(a.definition, *request.actionPrefix)) return false;
    return true;
  };

  auto txn = env_.read();
  if (!txn) return fromStorage(txn.status());
  const auto want = static_cast<std::size_t>(request.maxRecords) + 1;  // one more says whether a page follows
  std::vector<StoredAlarm> found;
  if (!request.names.empty()) {
    for (const auto& name : sortedUnique(request.names)) {
      if (found.size() == want) break;
      if (after && name <= *after) continue;
      auto alarm = readAlarm(*txn, name);
      if (!alarm) return fromStorage(alarm.status());
      if (*alarm && matches(**alarm)) found.push_back(std::move(**alarm));
    }
  } else {
    const std::string prefix = alarmKey(request.namePrefix.value_or(""));
    auto cursor = txn->cursor();
    Status st = cursor.seek(after ? std::max(alarmKey(*after), prefix) : prefix);
    while (st.isOk() && cursor.valid() && startsWith(cursor.key(), prefix) && found.size() < want) {
      const std::string name = alarmNameOfKey(cursor.key());
      if (!after || name > *after) {
        auto alarm = decodeStoredAlarm(cursor.value());
        if (!alarm) {
          return AlarmError{AlarmErrorCode::InternalFailure, "The stored record of alarm " + name + " is corrupt."};
        }
        if (matches(*alarm)) found.push_back(std::move(*alarm));
      }
      st = cursor.next();
    }
    if (!st.isOk()) return fromStorage(st);
  }

  DescribeAlarmsPage page;
  if (found.size() == want) {
    found.pop_back();
    page.nextToken = encodeAlarmToken(found.back().definition.name);
  }
  for (auto& a : found) page.alarms.push_back(AlarmRecord{std::move(a.definition), std::move(a.state)});
  return page;
}

AlarmResult<AlarmHistoryPage> AlarmStore::describeHistory(const DescribeHistoryRequest& request) const {
  auto txn = env_.read();
  if (!txn) return fromStorage(txn.status());
  return readHistoryPage(*txn, request);
}

AlarmResult<std::optional<AlarmTransition>> AlarmStore::setState(const std::string& name, AlarmStateValue value,
                                                                 const std::string& reason,
                                                                 const std::optional<std::string>& reasonData) {
  if (reason.size() > kMaxStateReasonLength) {
    return constraint("stateReason", reason, "Member must have length less than or equal to 1023");
  }
  if (reasonData) {
    if (reasonData->size() > kMaxStateReasonDataLength) {
      return constraint("stateReasonData", *reasonData, "Member must have length less than or equal to 4000");
    }
    if (!Json::accept(*reasonData)) {
      return AlarmError{AlarmErrorCode::InvalidFormat, "StateReasonData is not valid JSON."};
    }
  }
  const std::int64_t now = clock_.nowMillis();
  bool notFound = false;
  std::optional<AlarmTransition> transition;
  const Status st = env_.write([&](storage::WriteTxn& txn) -> Status {
    notFound = false;
    transition.reset();
    DYNADESK_ASSIGN_OR_RETURN(std::optional<StoredAlarm> alarm, readAlarm(txn, name));
    if (!alarm) {
      notFound = true;
      return Status(ErrorType::ResourceNotFoundException, "alarm not found");
    }
    const AlarmState before = alarm->state;
    alarm->state.reason = reason;
    alarm->state.reasonData = reasonData.value_or("");
    alarm->state.updatedMillis = now;
    if (before.value != value) {
      alarm->state.value = value;
      alarm->state.transitionedMillis = now;
      DYNADESK_RETURN_IF_ERROR(appendHistoryItem(txn, stateUpdateItem(name, now, before, alarm->state)));
      transition = transitionOf(*alarm, before.value, now);
    }
    ++alarm->revision;
    return writeAlarm(txn, *alarm);
  });
  if (notFound) return AlarmError{AlarmErrorCode::ResourceNotFound, "Alarm " + name + " not found"};
  if (!st.isOk()) return fromStorage(st);
  if (transition) runActions({*transition});
  return transition;
}

AlarmStatus AlarmStore::setActionsEnabled(const std::vector<std::string>& names, bool enabled) {
  if (auto error = checkNameCount(names, "alarmNames")) return *error;
  const std::int64_t now = clock_.nowMillis();
  const std::vector<std::string> unique = sortedUnique(names);
  const Status st = env_.write([&](storage::WriteTxn& txn) -> Status {
    for (const auto& name : unique) {
      DYNADESK_ASSIGN_OR_RETURN(std::optional<StoredAlarm> alarm, readAlarm(txn, name));
      if (!alarm || alarm->definition.actionsEnabled == enabled) continue;
      const AlarmDefinition before = alarm->definition;
      alarm->definition.actionsEnabled = enabled;
      alarm->definition.configurationUpdatedMillis = now;
      ++alarm->revision;
      DYNADESK_RETURN_IF_ERROR(writeAlarm(txn, *alarm));
      DYNADESK_RETURN_IF_ERROR(
          appendHistoryItem(txn, configurationItem(ConfigChange::Update, now, alarm->definition, &before)));
    }
    return Status::ok();
  });
  if (!st.isOk()) return fromStorage(st);
  return {};
}

AlarmResult<std::size_t> AlarmStore::remove(const std::vector<std::string>& names) {
  if (names.empty()) return AlarmError{AlarmErrorCode::MissingParameter, "The parameter AlarmNames is required."};
  if (auto error = checkNameCount(names, "alarmNames")) return *error;
  const std::int64_t now = clock_.nowMillis();
  const std::vector<std::string> unique = sortedUnique(names);
  std::size_t deleted = 0;
  const Status st = env_.write([&](storage::WriteTxn& txn) -> Status {
    deleted = 0;
    for (const auto& name : unique) {
      DYNADESK_ASSIGN_OR_RETURN(std::optional<StoredAlarm> alarm, readAlarm(txn, name));
      if (!alarm) continue;
      DYNADESK_ASSIGN_OR_RETURN(bool erased, txn.erase(alarmKey(name)));
      (void)erased;
      DYNADESK_RETURN_IF_ERROR(
          appendHistoryItem(txn, configurationItem(ConfigChange::Delete, now, alarm->definition, nullptr)));
      ++deleted;
    }
    return Status::ok();
  });
  if (!st.isOk()) return fromStorage(st);
  std::lock_guard lock(stateMutex_);
  for (const auto& name : unique) evaluated_.erase(name);
  return deleted;
}

AlarmResult<std::vector<AlarmTransition>> AlarmStore::evaluateDue(std::int64_t nowMillis) {
  std::lock_guard evaluating(evaluateMutex_);

  // 1. Which alarms are due: a short read, copied out.
  struct Due {
    StoredAlarm alarm;
    std::int64_t boundary = 0;
    AlarmEvaluation evaluation;
  };
  std::vector<Due> due;
  {
    auto txn = env_.read();
    if (!txn) return fromStorage(txn.status());
    std::set<std::string> present;
    auto cursor = txn->cursor();
    const std::string prefix = alarmsPrefix();
    Status st = cursor.seek(prefix);
    std::lock_guard lock(stateMutex_);
    while (st.isOk() && cursor.valid() && startsWith(cursor.key(), prefix)) {
      // A record this build cannot read is skipped here (describe reports it)
      // so that one bad record does not stop every other alarm.
      if (auto alarm = decodeStoredAlarm(cursor.value())) {
        const std::int64_t boundary = lastPeriodBoundary(alarm->definition.periodSeconds, nowMillis);
        present.insert(alarm->definition.name);
        auto seen = evaluated_.find(alarm->definition.name);
        if (seen == evaluated_.end() || seen->second.boundary != boundary ||
            seen->second.configRevision != alarm->configRevision) {
          due.push_back(Due{std::move(*alarm), boundary, {}});
        }
      }
      st = cursor.next();
    }
    if (!st.isOk()) return fromStorage(st);
    std::erase_if(evaluated_, [&](const auto& entry) { return !present.contains(entry.first); });
  }

  // 2. Read the metrics and decide, holding no transaction.
  for (Due& d : due) {
    const AlarmDefinition& def = d.alarm.definition;
    const EvaluationRange range = evaluationRange(def, nowMillis);
    const auto points = reader_.read(def.metric, def.statistic, range.startMillis, range.endMillis, def.periodSeconds);
    d.evaluation = evaluateAlarm(def, d.alarm.state.value, nowMillis, range, points);
  }

  // 3. Commit the transitions and their history in one write.
  std::vector<AlarmTransition> transitions;
  std::set<std::string> stale;  // changed by someone else meanwhile: evaluate again next time
  const bool anyChange = std::any_of(due.begin(), due.end(), [](const Due& d) {
    return d.evaluation.decided && d.evaluation.state != d.alarm.state.value;
  });
  if (anyChange) {
    const Status st = env_.write([&](storage::WriteTxn& txn) -> Status {
      transitions.clear();
      stale.clear();
      for (const Due& d : due) {
        if (!d.evaluation.decided || d.evaluation.state == d.alarm.state.value) continue;
        const std::string& name = d.alarm.definition.name;
        DYNADESK_ASSIGN_OR_RETURN(std::optional<StoredAlarm> current, readAlarm(txn, name));
        if (!current || current->revision != d.alarm.revision) {
          stale.insert(name);
          continue;
        }
        const AlarmState before = current->state;
        current->state = AlarmState{d.evaluation.state, d.evaluation.reason, d.evaluation.reasonData, nowMillis, nowMillis};
        ++current->revision;
        DYNADESK_RETURN_IF_ERROR(writeAlarm(txn, *current));
        DYNADESK_RETURN_IF_ERROR(appendHistoryItem(txn, stateUpdateItem(name, nowMillis, before, current->state)));
        transitions.push_back(transitionOf(*current, before.value, nowMillis));
      }
      return Status::ok();
    });
    if (!st.isOk()) return fromStorage(st);
  }

  {
    std::lock_guard lock(stateMutex_);
    for (const Due& d : due) {
      if (!stale.contains(d.alarm.definition.name)) {
        evaluated_[d.alarm.definition.name] = Evaluated{d.boundary, d.alarm.configRevision};
      }
    }
  }
  runActions(transitions);

  // 4. History retention. A failure here is retried on the next call; the
  // transitions above are committed either way.
  if (!lastTrimMillis_ || nowMillis - *lastTrimMillis_ >= kTrimIntervalMillis || nowMillis < *lastTrimMillis_) {
    if (trimHistory(nowMillis).isOk()) lastTrimMillis_ = nowMillis;
  }
  return transitions;
}

AlarmResult<std::size_t> AlarmStore::trimHistory(std::int64_t nowMillis, std::size_t limit) {
  const std::int64_t cutoff = nowMillis - options_.historyRetentionMillis;
  {
    auto txn = env_.read();
    if (!txn) return fromStorage(txn.status());
    auto old = hasHistoryBefore(*txn, cutoff);
    if (!old) return fromStorage(old.status());
    if (!*old) return std::size_t{0};
  }
  std::size_t erased = 0;
  const Status st = env_.write([&](storage::WriteTxn& txn) -> Status {
    DYNADESK_ASSIGN_OR_RETURN(erased, alarms::trimHistory(txn, cutoff, limit));
    return Status::ok();
  });
  if (!st.isOk()) return fromStorage(st);
  return erased;
}

void AlarmStore::runActions(const std::vector<AlarmTransition>& transitions) {
  if (!options_.actionSink) return;
  for (const auto& t : transitions) {
    if (t.actions.empty()) continue;
    options_.actionSink->runActions(
        AlarmActionRequest{t.alarmName, t.alarmArn, t.oldState, t.newState, t.reason, t.actions, t.timestampMillis});
  }
}

}  // namespace dynadesk::alarms
