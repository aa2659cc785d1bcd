#pragma once
// Pitch-preserving tempo change for mono float audio with FFmpeg's atempo filter
// (abuffer -> atempo [-> atempo ...] -> abuffersink).
#include <span>
#include <vector>

struct AVFilterGraph;
struct AVFilterContext;
struct AVFrame;

namespace chorus::audio {

class TempoFilter {
 public:
  // `tempo` > 1 speeds up (shorter output), < 1 slows down.
  TempoFilter(int sample_rate, double tempo);
  ~TempoFilter();
  TempoFilter(const TempoFilter&) = delete;
  TempoFilter& operator=(const TempoFilter&) = delete;

  // Appends whatever the filter has ready; atempo works in overlapping windows, so output lags.
  void process(std::span<const float> in, std::vector<float>& out);

  // Signals end of input, appends the remainder and starts a fresh graph for the next signal.
  void drain(std::vector<float>& out);

  // The per-stage factors: atempo sounds best within 0.5..2, so larger changes are chained.
  static std::vector<double> stages(double tempo);

 private:
  void build_graph();
  void configure_graph();
  void free_graph();
  void push(std::span<const float> in, std::vector<float>& out);
  void pull(std::vector<float>& out);

  int sample_rate_;
  double tempo_;
  AVFilterGraph* graph_ = nullptr;
  AVFilterContext* source_ = nullptr;
  AVFilterContext* sink_ = nullptr;
  AVFrame* frame_ = nullptr;
  long long next_pts_ = 0;
  bool dirty_ = false;  // fed since the graph was built
};

}  // namespace chorus::audio
