#include "wyoming/wyoming_event.h"

namespace chorus::wyoming {
namespace {

using nlohmann::json;

std::size_t length_field(const json& header, const char* name, std::size_t limit,
                         const char* code) {
  auto it = header.find(name);
  if (it == header.end() || it->is_null()) return 0;
  if (!it->is_number_integer() || it->get<long long>() < 0) {
    throw ProtocolError("malformed_header",
                        std::string("'") + name + "' must be a non-negative integer");
  }
  auto value = it->get<unsigned long long>();
  if (value > limit) {
    throw ProtocolError(code, std::string("'") + name + "' of " + std::to_string(value) +
                                  " bytes exceeds the limit of " + std::to_string(limit));
  }
  return static_cast<std::size_t>(value);
}

}  // namespace

std::string encode_event(const Event& event) {
  json header = {{"type", event.type}, {"version", kProtocolVersion}};
  std::string data;
  if (!event.data.empty()) {
    // Invalid UTF-8 from an engine or a voice name must not throw here: replace it.
    data = event.data.dump(-1, ' ', false, json::error_handler_t::replace);
    header["data_length"] = data.size();
  }
  if (!event.payload.empty()) header["payload_length"] = event.payload.size();
  std::string out = header.dump(-1, ' ', false, json::error_handler_t::replace);
  out.reserve(out.size() + 1 + data.size() + event.payload.size());
  out += '\n';
  out += data;
  out += event.payload;
  return out;
}

EventReader::Header EventReader::parse_header(std::string_view line) const {
  json header = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (header.is_discarded() || !header.is_object()) {
    throw ProtocolError("malformed_header", "the header line is not a JSON object");
  }
  auto type = header.find("type");
  if (type == header.end() || !type->is_string() || type->get_ref<const std::string&>().empty()) {
    throw ProtocolError("malformed_header", "the header has no 'type'");
  }
  Header parsed;
  parsed.event.type = *type;
  if (auto data = header.find("data"); data != header.end() && !data->is_null()) {
    if (!data->is_object()) throw ProtocolError("malformed_header", "'data' must be an object");
    parsed.event.data = std::move(*data);
  }
  parsed.data_length =
      length_field(header, "data_length", limits_.max_data_bytes, "data_too_large");
  parsed.payload_length =
      length_field(header, "payload_length", limits_.max_payload_bytes, "payload_too_large");
  return parsed;
}

std::optional<Event> EventReader::next() {
  if (!header_) {
    std::size_t end = buffer_.find('\n');
    if (end == std::string::npos) {
      if (buffer_.size() > limits_.max_header_bytes) {
        throw ProtocolError("header_too_large", "header line longer than " +
                                                    std::to_string(limits_.max_header_bytes) +
                                                    " bytes");
      }
      return std::nullopt;
    }
    if (end > limits_.max_header_bytes) {
      throw ProtocolError("header_too_large", "header line longer than " +
                                                  std::to_string(limits_.max_header_bytes) +
                                                  " bytes");
    }
    std::string_view line(buffer_.data(), end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    header_ = parse_header(line);
    buffer_.erase(0, end + 1);
  }
  if (buffer_.size() < header_->data_length + header_->payload_length) return std::nullopt;
  Event event = std::move(header_->event);
  if (header_->data_length > 0) {
    json data = json::parse(std::string_view(buffer_.data(), header_->data_length), nullptr,
                            /*allow_exceptions=*/false);
    if (data.is_discarded() || !data.is_object()) {
      header_.reset();
      throw ProtocolError("malformed_data", "the data block is not a JSON object");
    }
    // As the reference reader does: the data block's fields win over the header's `data`.
    for (auto& [key, value] : data.items()) event.data[key] = std::move(value);
  }
  event.payload = buffer_.substr(header_->data_length, header_->payload_length);
  buffer_.erase(0, header_->data_length + header_->payload_length);
  header_.reset();
  return event;
}

}  // namespace chorus::wyoming
