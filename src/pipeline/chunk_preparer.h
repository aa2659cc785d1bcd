#pragma once
// The text stage of one request, one chunk ahead of the model: while the producer synthesizes
// chunk k, this thread runs Engine::prepare() (G2P) for chunk k+1, so the model never waits for
// the phonemizer after the first chunk. Never more than one chunk ahead: the work it saves is
// bounded and a cancelled request wastes at most one chunk of G2P.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/cancel_token.h"
#include "engines/engine.h"

namespace chorus {

class ChunkPreparer {
 public:
  // Starts preparing requests[0] at once. `engine` and `cancel` must outlive this object.
  ChunkPreparer(const Engine& engine, std::vector<SynthesisRequest> requests, const CancelToken& cancel);
  // Stops after the chunk being prepared (if any) and joins the thread.
  ~ChunkPreparer();
  ChunkPreparer(const ChunkPreparer&) = delete;
  ChunkPreparer& operator=(const ChunkPreparer&) = delete;

  // Request `index` with `prepared` filled in; blocks until it is ready, which lets the thread
  // start on index + 1. Indices must be taken in order, each once. Rethrows what prepare()
  // threw for this chunk, at the point where a sequential synthesize() would have thrown. After
  // cancellation the request may come back unprepared (synthesize() then does the work itself).
  SynthesisRequest take(std::size_t index);

  std::size_t size() const { return requests_.size(); }

 private:
  void run();

  const Engine& engine_;
  const CancelToken& cancel_;
  std::vector<SynthesisRequest> requests_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t taken_ = 0;     // requests handed out by take()
  std::size_t prepared_ = 0;  // requests[0 .. prepared_) are ready
  std::exception_ptr error_;  // what prepare() threw for requests[prepared_]
  bool stopping_ = false;     // set by the destructor
  bool finished_ = false;     // the thread has nothing more to do
  std::thread thread_;
};

}  // namespace chorus
