"""The printed template: its forms as data (`sheets`) and fitting each sheet on one page
(`printing`)."""
