#pragma once
// A look at the bytes a connection has sent so far (without consuming them): is the request head
// all here, is it well-formed, and, for a small body of known length, is that here too. Used
// before a worker thread is given the connection, so that a slow or malformed client costs a
// socket and a deadline rather than a worker, and by the worker for pipelined requests.
#include <cstddef>
#include <string_view>

namespace chorus {

// Header lines longer than this are refused with 431 (the HTTP library's own line limit, which
// would answer a less helpful 400).
inline constexpr std::size_t kMaxHeaderLineBytes = 8192;
// A body of known length up to this size (with its head) is waited for before a worker takes
// the request: every speech request fits. Kept well under the socket's receive window so the
// whole of it can sit unread in the kernel. Larger bodies are read by the worker under the body
// deadline.
inline constexpr std::size_t kWaitedBodyBytes = 32 * 1024;

enum class HeadState {
  incomplete,        // keep waiting for the head
  awaiting_body,     // head complete and fine; its small body is still arriving
  ready,             // head (and small body) here: a worker can take it
  malformed,         // a header line is not "name: value" (RFC 9112): answer 400
  header_too_large,  // a header line over kMaxHeaderLineBytes, or no head end in the window: 431
};

// `bytes`: what has arrived; `window_full`: the look was capped at bytes.size(), there may be
// more.
HeadState scan_request_head(std::string_view bytes, bool window_full);

// True when every header line of `head` (after the request line, up to the empty line) is
// "name: value" with a name free of whitespace and no line folded onto the previous one.
bool header_lines_well_formed(std::string_view head);

}  // namespace chorus
