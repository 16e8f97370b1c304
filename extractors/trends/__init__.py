"""Pure shaping of hiring trends: windows, filters, suppression, ratios, chart data."""
