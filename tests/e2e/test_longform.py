"""Long-form `chorus say --file`: paragraph-by-paragraph streaming, subtitles, progress, resume."""
import os
import pty
import re
import signal
import subprocess
import time

import pytest

from audio_check import decode, duration, probe

SENTENCES = [
    "The lighthouse keeper climbed the stairs at dusk.",
    "Every evening he counted the steps, and every evening there were one hundred and twelve.",
    "Ships passed far out on the water, their lights small and steady.",
    "He wrote their names in a book that nobody else would read.",
    "When the fog came in, the horn sounded twice a minute until morning.",
]


def book(paragraphs, sentences_per_paragraph=3):
    """Paragraphs separated by blank lines, cycling through the sentences above."""
    out = []
    for p in range(paragraphs):
        words = [SENTENCES[(p + s) % len(SENTENCES)] for s in range(sentences_per_paragraph)]
        out.append(f"Chapter part {p + 1}. " + " ".join(words))
    return "\n\n".join(out) + "\n"


def parse_srt(text):
    cues = []
    for block in text.strip().split("\n\n"):
        lines = block.split("\n")
        index = int(lines[0])
        m = re.match(r"(\d+):(\d\d):(\d\d),(\d{3}) --> (\d+):(\d\d):(\d\d),(\d{3})$", lines[1])
        assert m, lines[1]
        g = [int(x) for x in m.groups()]
        start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
        end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
        cues.append((index, start, end, " ".join(lines[2:])))
    return cues


def check_cues(cues, audio_seconds):
    assert [c[0] for c in cues] == list(range(1, len(cues) + 1))
    previous_end = 0.0
    for _, start, end, text in cues:
        assert text.strip()
        assert start >= previous_end - 0.001, (start, previous_end)
        assert end > start
        previous_end = end
    # The last cue ends with the speech; only the closing paragraph pause (0.6 s) follows.
    assert audio_seconds - 1.0 <= cues[-1][2] <= audio_seconds + 0.05, (cues[-1], audio_seconds)


def say(chorus_binary, *args, **kwargs):
    return subprocess.run([chorus_binary, "say", *args], capture_output=True, timeout=300,
                          **kwargs)


def test_file_to_mp3_with_subtitles(chorus_binary, tmp_path):
    text = tmp_path / "book.txt"
    text.write_text(book(4))
    out, srt = tmp_path / "book.mp3", tmp_path / "book.srt"
    result = say(chorus_binary, "--file", str(text), "-o", str(out), "--subtitles", str(srt),
                 "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""  # --quiet: nothing at all
    assert probe(out.read_bytes(), "mp3")[0]["codec_name"] == "mp3"
    seconds = duration(decode(out.read_bytes(), "mp3"))
    cues = parse_srt(srt.read_text())
    # One cue per sentence: 4 paragraphs of a heading sentence plus three.
    assert len(cues) == 16
    assert cues[0][3] == "Chapter part 1."
    check_cues(cues, seconds)
    assert not os.path.exists(str(out) + ".chorus-resume")  # removed once complete


def test_plain_progress_lines_when_not_a_terminal(chorus_binary, tmp_path):
    text = tmp_path / "book.txt"
    text.write_text(book(6))
    result = say(chorus_binary, "--file", str(text), "-o", str(tmp_path / "b.wav"))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.decode().splitlines()
    assert any(line.startswith("progress: ") and "%" in line for line in lines), lines
    assert lines[-1].startswith("done: "), lines
    assert "\r" not in result.stderr.decode()


def test_progress_bar_on_a_terminal(chorus_binary, tmp_path):
    text = tmp_path / "book.txt"
    text.write_text(book(40))
    controller, terminal = pty.openpty()
    proc = subprocess.Popen([chorus_binary, "say", "--file", str(text), "-o",
                             str(tmp_path / "b.mp3")], stderr=terminal, stdout=subprocess.DEVNULL)
    os.close(terminal)
    screen = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    assert proc.wait(300) == 0
    os.close(controller)
    shown = screen.decode(errors="replace")
    assert "\r" in shown and re.search(r"\[#*\.*\] \d+%", shown), shown[-500:]
    assert "ETA" in shown
    assert "done: " in shown


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


# ASan keeps freed memory in quarantine and maps shadow memory, so RSS says nothing there.
@pytest.mark.skipif("ASAN_OPTIONS" in os.environ, reason="RSS is not meaningful under ASan")
def test_memory_stays_flat_for_a_megabyte_of_text(chorus_binary, tmp_path):
    """A 1 MB book would take many minutes to speak: watch the first stretch of it. Resident
    memory must level off once streaming runs, whatever the size of the text."""
    text = tmp_path / "big.txt"
    content = book(4000, 4)
    while len(content) < 1_000_000:
        content += content
    text.write_text(content[:1_000_000])
    out = tmp_path / "big.mp3"
    proc = subprocess.Popen([chorus_binary, "say", "--file", str(text), "-o", str(out), "-q"],
                            stderr=subprocess.PIPE)
    samples = []
    try:
        start = time.monotonic()
        while time.monotonic() - start < 20:
            assert proc.poll() is None, proc.stderr.read()
            samples.append((time.monotonic() - start, rss_kib(proc.pid)))
            time.sleep(0.25)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    settled = [rss for t, rss in samples if t >= 5]
    later = [rss for t, rss in samples if t >= 15]
    assert max(later) - min(settled) < 16 * 1024, samples
    assert max(rss for _, rss in samples) < 200 * 1024, samples
    # It really was working through the text: a checkpoint records progress.
    state = (tmp_path / "big.mp3.chorus-resume").read_text()
    assert int(re.search(r'"input_offset": (\d+)', state).group(1)) > 1000


def interrupted_then_resumed(chorus_binary, tmp_path, ext):
    text = tmp_path / "book.txt"
    text.write_text(book(40))
    ref, ref_srt = tmp_path / f"ref.{ext}", tmp_path / "ref.srt"
    assert say(chorus_binary, "--file", str(text), "-o", str(ref), "--subtitles", str(ref_srt),
               "-q").returncode == 0

    out, srt = tmp_path / f"out.{ext}", tmp_path / "out.srt"
    state = tmp_path / f"out.{ext}.chorus-resume"
    proc = subprocess.Popen([chorus_binary, "say", "--file", str(text), "-o", str(out),
                             "--subtitles", str(srt), "-q"])
    # Interrupt as soon as a few paragraphs are checkpointed, like a Ctrl-C or a crash.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if state.exists() and '"input_offset"' in state.read_text():
            offset = int(re.search(r'"input_offset": (\d+)', state.read_text()).group(1))
            if offset > 600:
                break
        time.sleep(0.01)
    assert proc.poll() is None, "finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = out.stat().st_size
    result = say(chorus_binary, "--file", str(text), "-o", str(out), "--subtitles", str(srt),
                 "--resume")
    assert result.returncode == 0, result.stderr
    assert b"resuming at byte" in result.stderr
    assert out.stat().st_size > partial
    assert not state.exists()
    return ref, ref_srt, out, srt


def test_resume_wav_continues_exactly(chorus_binary, tmp_path):
    ref, ref_srt, out, srt = interrupted_then_resumed(chorus_binary, tmp_path, "wav")
    data = out.read_bytes()
    assert int.from_bytes(data[4:8], "little") == len(data) - 8  # sizes patched at the end
    # After the resume point espeak-ng's output may
    # differ by a few samples (its state depends on what the process spoke before), so the
    # rest is compared by length and by subtitles.
    expected, got = ref.read_bytes(), out.read_bytes()
    assert abs(len(got) - len(expected)) < 24000 * 2 // 10, (len(got), len(expected))
    ref_cues, cues = parse_srt(ref_srt.read_text()), parse_srt(srt.read_text())
    assert [c[3] for c in cues] == [c[3] for c in ref_cues]
    for mine, theirs in zip(cues, ref_cues):
        assert abs(mine[1] - theirs[1]) < 0.1 and abs(mine[2] - theirs[2]) < 0.1, (mine, theirs)
    check_cues(cues, duration(decode(got, "wav")))


def test_resume_mp3_is_decodable_and_the_right_length(chorus_binary, tmp_path):
    ref, _, out, srt = interrupted_then_resumed(chorus_binary, tmp_path, "mp3")
    expected = duration(decode(ref.read_bytes(), "mp3"))
    got = duration(decode(out.read_bytes(), "mp3"))
    assert abs(got - expected) < 0.25, (got, expected)
    check_cues(parse_srt(srt.read_text()), got)


def test_resume_refuses_a_changed_text(chorus_binary, tmp_path):
    text = tmp_path / "book.txt"
    text.write_text(book(2))
    out = tmp_path / "o.wav"
    (tmp_path / "o.wav.chorus-resume").write_text(
        '{"fingerprint": "other", "input_offset": 50, "output_bytes": 44, "samples": 0}')
    out.write_bytes(b"\0" * 100)
    result = say(chorus_binary, "--file", str(text), "-o", str(out), "--resume")
    assert result.returncode == 0, result.stderr
    assert b"starting over" in result.stderr
    assert duration(decode(out.read_bytes(), "wav")) > 3


@pytest.mark.parametrize("args,message", [
    (["--resume", "Hello."], b"--resume"),
    (["--file", "/nonexistent/book.txt", "-o", "x.wav"], b"cannot read"),
])
def test_bad_long_form_arguments(chorus_binary, tmp_path, args, message):
    result = say(chorus_binary, *args, cwd=tmp_path)
    assert result.returncode != 0
    assert message in result.stderr
