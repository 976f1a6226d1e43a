#!/usr/bin/env python3
"""Make the canvas player's sounds: short effects and a gentle music loop, synthesised
here from sine waves and a little noise (no samples, nothing downloaded), written as
WAV and converted to OGG Vorbis (pygbag plays OGG only) with oggenc (Debian's
vorbis-tools) or sox.

    python3 scripts/make_audio.py            # writes content/audio/*.ogg
    python3 scripts/make_audio.py alarm siren    # only these

The output is deterministic except for the encoder's own bytes.
"""
from __future__ import annotations

import math
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

RATE = 22050
OUT = Path(__file__).resolve().parents[1] / "content" / "audio"


def note(freq: float, dur: float, vol: float = 0.5, attack: float = 0.01, release: float = 0.12,
         harmonics=(1.0, 0.3, 0.12), vibrato: float = 0.0) -> list[float]:
    n = int(dur * RATE)
    out = []
    for i in range(n):
        t = i / RATE
        env = min(1.0, t / attack) if attack else 1.0
        tail = dur - t
        if tail < release:
            env *= max(0.0, tail / release)
        f = freq * (1 + vibrato * math.sin(2 * math.pi * 5 * t))
        s = sum(a * math.sin(2 * math.pi * f * (k + 1) * t) for k, a in enumerate(harmonics))
        out.append(vol * env * s / sum(harmonics))
    return out


def silence(dur: float) -> list[float]:
    return [0.0] * int(dur * RATE)


def mix(*tracks: list[float], at: list[float] | None = None) -> list[float]:
    at = at or [0.0] * len(tracks)
    length = max(int(a * RATE) + len(t) for t, a in zip(tracks, at))
    out = [0.0] * length
    for t, a in zip(tracks, at):
        off = int(a * RATE)
        for i, v in enumerate(t):
            out[off + i] += v
    return out


def seq(*parts: list[float]) -> list[float]:
    out: list[float] = []
    for p in parts:
        out.extend(p)
    return out


def noise(dur: float, vol: float, seed: int, lowpass: float = 0.15) -> list[float]:
    rng = random.Random(seed)
    n = int(dur * RATE)
    out, y = [], 0.0
    for i in range(n):
        y += lowpass * (rng.uniform(-1, 1) - y)
        env = math.sin(math.pi * i / n)
        out.append(vol * env * y * 3)
    return out


def sweep(f0: float, f1: float, dur: float, vol: float, cycles: float, harmonics=(1.0, 0.35, 0.15),
          attack: float = 0.05, release: float = 0.2) -> list[float]:
    """A tone gliding between f0 and f1 and back, `cycles` times (a siren's wail)."""
    n = int(dur * RATE)
    out, phase = [], 0.0
    for i in range(n):
        t = i / RATE
        pos = 0.5 - 0.5 * math.cos(2 * math.pi * cycles * t / dur)
        f = f0 + (f1 - f0) * pos
        phase += 2 * math.pi * f / RATE
        env = min(1.0, t / attack) * min(1.0, max(0.0, (dur - t) / release))
        s = sum(a * math.sin((k + 1) * phase) for k, a in enumerate(harmonics))
        out.append(vol * env * s / sum(harmonics))
    return out


def decay(freq: float, dur: float, vol: float, rate: float) -> list[float]:
    """A struck partial: instant attack, exponential decay (metal, glass)."""
    return [vol * math.exp(-rate * i / RATE) * math.sin(2 * math.pi * freq * i / RATE)
            for i in range(int(dur * RATE))]


def hz(name: str) -> float:
    names = {"C": -9, "D": -7, "E": -5, "F": -4, "G": -2, "A": 0, "B": 2}
    base = names[name[0]] + (1 if "#" in name else 0) - (1 if name[1:2] == "b" else 0)
    octave = int(name[-1])
    return 440.0 * 2 ** ((base + 12 * (octave - 4)) / 12)


def effects() -> dict[str, list[float]]:
    return {
        "click": note(hz("E6"), 0.05, 0.35, 0.002, 0.04, (1.0, 0.2)),
        "tick": note(hz("A6"), 0.035, 0.25, 0.002, 0.03, (1.0,)),
        "choice": seq(note(hz("C5"), 0.08, 0.35), note(hz("G5"), 0.12, 0.35)),
        "correct": seq(note(hz("C5"), 0.09, 0.4), note(hz("E5"), 0.09, 0.4),
                       note(hz("G5"), 0.09, 0.4), note(hz("C6"), 0.3, 0.4, release=0.25)),
        "partial": seq(note(hz("E5"), 0.12, 0.38), note(hz("F5"), 0.28, 0.38, release=0.2)),
        "wrong": seq(note(hz("G4"), 0.14, 0.4, harmonics=(1.0, 0.5, 0.3)),
                     note(hz("D4"), 0.32, 0.4, harmonics=(1.0, 0.5, 0.3), release=0.25)),
        "notice": mix(note(hz("A5"), 0.6, 0.3, 0.003, 0.55, (1.0, 0.0, 0.4, 0.2)),
                      note(hz("E6"), 0.5, 0.2, 0.003, 0.45, (1.0, 0.3)), at=[0, 0.08]),
        "ending": mix(note(hz("C5"), 1.2, 0.25, 0.02, 0.8), note(hz("E5"), 1.1, 0.22, 0.02, 0.8),
                      note(hz("G5"), 1.0, 0.22, 0.02, 0.8), note(hz("C6"), 0.9, 0.2, 0.02, 0.7),
                      at=[0, 0.12, 0.24, 0.36]),
        "start": seq(note(hz("G4"), 0.1, 0.35), note(hz("C5"), 0.1, 0.35), note(hz("E5"), 0.22, 0.35)),
        "cue": mix(noise(0.35, 0.25, 3), note(hz("D5"), 0.35, 0.2, 0.05, 0.2)),
        "door": seq(noise(0.08, 0.5, 7, 0.5), silence(0.05), noise(0.12, 0.35, 8, 0.3)),
        # a bedside monitor alarming: two groups of three quick high beeps
        "alarm": seq(*([note(960, 0.11, 0.4, 0.004, 0.03, (1.0, 0.2)), silence(0.07)] * 3
                       + [silence(0.3)]
                       + [note(960, 0.11, 0.4, 0.004, 0.03, (1.0, 0.2)), silence(0.07)] * 3)),
        # an ambulance passing: a short wail that rises and falls twice
        "siren": sweep(620, 1250, 2.4, 0.38, 2.0, attack=0.25, release=0.5),
        # metal parts hitting the floor: a noise burst and clanging partials
        "crash": mix(noise(0.25, 0.55, 11, 0.6),
                     *(decay(f, 1.0, v, r) for f, v, r in
                       ((523, 0.22, 6), (1187, 0.18, 8), (1873, 0.14, 10), (2791, 0.1, 12))),
                     noise(0.18, 0.3, 12, 0.4), at=[0, 0, 0.01, 0.02, 0.03, 0.22]),
        # a machine shop: a low motor hum with a soft whir of noise, fading in and out
        "shop": mix(note(110, 2.2, 0.22, 0.4, 0.6, (1.0, 0.5, 0.25, 0.12), vibrato=0.004),
                    note(hz("E3") * 2.02, 2.0, 0.08, 0.5, 0.6, (1.0, 0.2)),
                    noise(2.2, 0.12, 13, 0.05), at=[0, 0.1, 0]),
        # a desk phone ringing twice
        "phone": seq(*([mix(note(440, 0.4, 0.25, 0.01, 0.03, (1.0,), vibrato=0.02),
                            note(480, 0.4, 0.25, 0.01, 0.03, (1.0,), vibrato=0.02)),
                        silence(0.25)] * 2)),
    }


def music() -> list[float]:
    """A calm 8-bar loop (about 12 s): chords plus a simple melody, seamless."""
    bpm = 100
    beat = 60 / bpm
    chords = [("C4", "E4", "G4"), ("A3", "C4", "E4"), ("F3", "A3", "C4"), ("G3", "B3", "D4")] * 2
    melody = ["E5", "G5", "A5", "G5", "E5", "C5", "D5", "E5",
              "C5", "E5", "G5", "E5", "D5", "B4", "C5", "D5"]
    bar = 4 * beat * 0.6
    length = int(len(chords) * bar * RATE)
    out = [0.0] * length
    for i, ch in enumerate(chords):
        for k, name in enumerate(ch):
            tone = note(hz(name), bar, 0.12, 0.3, 0.6, (1.0, 0.15))
            off = int(i * bar * RATE)
            for j, v in enumerate(tone):
                if off + j < length:
                    out[off + j] += v
    step = bar / 2
    for i, name in enumerate(melody):
        tone = note(hz(name), step * 0.95, 0.1, 0.02, step * 0.5, (1.0, 0.25, 0.05))
        off = int(i * step * RATE)
        for j, v in enumerate(tone):
            if off + j < length:
                out[off + j] += v
    return out


def write_wav(path: Path, samples: list[float]):
    peak = max(1e-9, max(abs(s) for s in samples))
    k = min(1.0, 0.9 / peak)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(max(-1, min(1, s * k)) * 32767)) for s in samples))


def to_ogg(wav: Path, ogg: Path):
    if shutil.which("oggenc"):
        cmd = ["oggenc", "-Q", "-q", "3", "-o", str(ogg), str(wav)]
    elif shutil.which("sox"):
        cmd = ["sox", str(wav), "-C", "3", str(ogg)]
    else:
        sys.exit("needs oggenc or sox: apt-get install -y vorbis-tools")
    subprocess.run(cmd, check=True)


def main(argv: list[str] | None = None) -> int:
    """Write every sound, or only the ones named (python3 scripts/make_audio.py alarm)."""
    names = list(sys.argv[1:] if argv is None else argv)
    OUT.mkdir(parents=True, exist_ok=True)
    sounds = effects()
    sounds["music-loop"] = music()
    unknown = [n for n in names if n not in sounds]
    if unknown:
        print(f"unknown sound(s): {', '.join(unknown)}; known: {', '.join(sorted(sounds))}",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for name, samples in sounds.items():
            if names and name not in names:
                continue
            wav = Path(tmp) / f"{name}.wav"
            write_wav(wav, samples)
            to_ogg(wav, OUT / f"{name}.ogg")
            print(f"{name}.ogg  {len(samples) / RATE:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
