#include "pipeline/chunk_preparer.h"

#include <stdexcept>

namespace chorus {

ChunkPreparer::ChunkPreparer(const Engine& engine, std::vector<SynthesisRequest> requests, const CancelToken& cancel)
    : engine_(engine), cancel_(cancel), requests_(std::move(requests)) {
  thread_ = std::thread([this] { run(); });
}

ChunkPreparer::~ChunkPreparer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void ChunkPreparer::run() {
  for (std::size_t i = 0; i < requests_.size(); ++i) {
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stopping_ || i <= taken_; });
      if (stopping_) break;
    }
    if (cancel_.cancelled()) break;
    std::shared_ptr<const PreparedChunk> prepared;
    std::exception_ptr error;
    try {
      prepared = engine_.prepare(requests_[i]);
    } catch (...) {
      error = std::current_exception();
    }
    std::lock_guard lock(mutex_);
    if (error) {
      error_ = error;
      break;
    }
    requests_[i].prepared = std::move(prepared);
    prepared_ = i + 1;
    changed_.notify_all();
  }
  std::lock_guard lock(mutex_);
  finished_ = true;
  changed_.notify_all();
}

SynthesisRequest ChunkPreparer::take(std::size_t index) {
  std::unique_lock lock(mutex_);
  if (index != taken_ || index >= requests_.size()) throw std::logic_error("ChunkPreparer::take out of order");
  changed_.wait(lock, [&] { return prepared_ > index || finished_; });
  if (prepared_ <= index && error_) std::rethrow_exception(error_);
  taken_ = index + 1;
  changed_.notify_all();
  return std::move(requests_[index]);
}

}  // namespace chorus
