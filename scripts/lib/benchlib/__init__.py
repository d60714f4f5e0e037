"""Shared helpers of scripts/bench, scripts/plot and scripts/compare-wrk.

Standard library only, except the charts_* modules (matplotlib), which only scripts/plot
imports. One module, one purpose:

  backends       the table of what can be benchmarked (backend specs and their stores)
  plan           which runs, in which (interleaved) order, and how long they take
  procs          starting and stopping the backend and redis-server; CPU pinning
  loadgen        one archbench-loadgen run, bounded in time
  progress       the terminal's progress line and time left
  results        reading a results folder; grouping repetitions and sweeps
  stats          median and spread over repetitions
  sweep          the open-loop rate sweep: sustainable throughput, knee, next rate
  summary        summary.md
  context        machine, pinning, build and commit: the footnote of every number
  hdr            HdrHistogram arithmetic on the stored histograms
  micro          archbench-micro's Google Benchmark JSON
  units          how numbers are written
  python_finder  finding a Python that has matplotlib
  charts_style, charts_bars, charts_latency   the charts
"""
