-- Trends read `trend_postings` (migration 0009), one narrow row per posting, refreshed by the trends flow.
-- `filtered` is spliced into each query where `/*filtered*/` stands: the postings that pass the same
-- filters as search (a NULL parameter means "no filter"), alive at some moment of [since, until).

-- name: filtered
SELECT t.* FROM trend_postings t
WHERE t.first_seen_at < %(until)s AND (t.closed_at IS NULL OR t.closed_at >= %(since)s)
  AND (%(company)s::text[] IS NULL OR t.company = ANY(%(company)s))
  AND (%(source)s::text[] IS NULL OR t.source_type = ANY(%(source)s))
  AND (%(board)s::text[] IS NULL OR t.board_token = ANY(%(board)s))
  AND (%(department)s::text[] IS NULL OR t.department = ANY(%(department)s))
  AND (%(seniority)s::text[] IS NULL OR t.seniority = ANY(%(seniority)s))
  AND (%(job_function)s::text[] IS NULL OR t.job_function = ANY(%(job_function)s))
  AND (%(remote_type)s::text[] IS NULL OR t.remote_type = ANY(%(remote_type)s))
  AND (%(employment_type)s::text[] IS NULL OR t.employment_type = ANY(%(employment_type)s))
  AND (%(country)s::text[] IS NULL OR t.countries && %(country)s)
  AND (%(region)s::text[] IS NULL OR t.regions && %(region)s)
  AND (%(city)s::text[] IS NULL OR t.cities && %(city)s)
  AND (%(location)s::text[] IS NULL OR t.locations && %(location)s)
  AND (%(skills)s::text[] IS NULL OR t.skills && %(skills)s)
  AND (%(tools)s::text[] IS NULL OR t.tools && %(tools)s)
  -- an open range ("up to", "from") is read with its missing bound equal to the stated one
  AND (%(salary_min)s::int IS NULL OR coalesce(t.salary_max_usd, t.salary_min_usd) >= %(salary_min)s)
  AND (%(salary_max)s::int IS NULL OR coalesce(t.salary_min_usd, t.salary_max_usd) <= %(salary_max)s)
  AND (%(posted_since)s::timestamptz IS NULL OR t.posted_at >= %(posted_since)s)

-- name: weekly
-- Per week and value of the `by` dimension: postings first seen (opened) and closed that week, and at the
-- week's end how many were alive, of which stale (claimed neither open nor closed). Open = alive - stale.
-- Only the `top` values with the most openings in the window (ties by value, byte order) get series: by
-- company, a million postings have thousands of values nobody charts.
-- One scan counted per (value, weeks) in a plain aggregate (which runs in parallel and hashes), then three
-- grouping sets over those few counts (the week each posting opened, closed, went stale; NULL = not in the
-- window), then running sums over a baseline: never postings x weeks.
WITH f AS (
    SELECT d.value,
           CASE WHEN f.first_seen_at >= %(since)s THEN date_bin('7 days', f.first_seen_at, %(since)s) END AS ow,
           CASE WHEN f.closed_at < %(until)s THEN date_bin('7 days', f.closed_at, %(since)s) END AS cw,
           CASE WHEN f.closed_at IS NULL AND f.stale_at < %(until)s
                THEN greatest(date_bin('7 days', f.stale_at, %(since)s), %(since)s - interval '7 days') END AS sw
    FROM (/*filtered*/) f
    CROSS JOIN LATERAL unnest(CASE %(by)s
        WHEN 'company' THEN ARRAY[f.company] WHEN 'job_function' THEN ARRAY[f.job_function]
        WHEN 'seniority' THEN ARRAY[f.seniority] WHEN 'source' THEN ARRAY[f.source_type]
        WHEN 'country' THEN coalesce(nullif(f.countries, '{}'), ARRAY['unknown'])
        WHEN 'skill' THEN f.skills ELSE ARRAY['all'] END) AS d(value)
),
c AS (
    SELECT value, ow, cw, sw, count(*) AS n FROM f GROUP BY 1, 2, 3, 4
),
g AS (
    SELECT value, ow, cw, sw, GROUPING(ow, cw, sw) AS set, sum(n) AS n
    FROM c GROUP BY GROUPING SETS ((value, ow), (value, cw), (value, sw))
),
agg AS (
    SELECT value, coalesce(ow, cw, sw) AS week,
           sum(n) FILTER (WHERE set = 3 AND ow IS NOT NULL) AS opened,
           sum(n) FILTER (WHERE set = 5 AND cw IS NOT NULL) AS closed,
           sum(n) FILTER (WHERE set = 6 AND sw >= %(since)s) AS staled
    FROM g GROUP BY 1, 2
),
base AS (
    SELECT value, sum(n) FILTER (WHERE set = 3 AND ow IS NULL) AS alive0,
           coalesce(sum(n) FILTER (WHERE set = 6 AND sw < %(since)s), 0) AS stale0,
           coalesce(sum(n) FILTER (WHERE set = 3 AND ow IS NOT NULL), 0) AS opened
    FROM g GROUP BY value
    ORDER BY opened DESC, value COLLATE "C" LIMIT %(top)s
),
weeks AS (
    SELECT generate_series(%(since)s::timestamptz, %(until)s::timestamptz - interval '7 days',
                           interval '7 days') AS week
)
SELECT w.week, b.value, coalesce(a.opened, 0)::int AS opened, coalesce(a.closed, 0)::int AS closed,
       (coalesce(b.alive0, 0) + sum(coalesce(a.opened, 0) - coalesce(a.closed, 0))
           OVER (PARTITION BY b.value ORDER BY w.week))::int AS alive,
       (b.stale0 + sum(coalesce(a.staled, 0)) OVER (PARTITION BY b.value ORDER BY w.week))::int AS stale
FROM weeks w CROSS JOIN base b
LEFT JOIN agg a ON a.value = b.value AND a.week = w.week
ORDER BY b.value, w.week;

-- name: weekly_unfiltered
-- The same answer as `weekly` when there is no filter, from the pre-aggregated `trend_weekly`: the
-- baseline is everything opened minus everything closed before `since`; values with neither a posting
-- alive at `since` nor an event in the window are left out, as `weekly` leaves them out.
WITH s AS (
    SELECT value, week, opened, closed, staled FROM trend_weekly
    WHERE dimension = %(by)s AND week < %(until)s
),
base AS (
    SELECT value,
           coalesce(sum(opened - closed) FILTER (WHERE week < %(since)s), 0) AS alive0,
           coalesce(sum(staled) FILTER (WHERE week < %(since)s), 0) AS stale0,
           count(*) FILTER (WHERE week >= %(since)s) AS active,
           coalesce(sum(opened) FILTER (WHERE week >= %(since)s), 0) AS opened_now
    FROM s GROUP BY value
),
weeks AS (
    SELECT generate_series(%(since)s::timestamptz, %(until)s::timestamptz - interval '7 days',
                           interval '7 days') AS week
)
SELECT w.week, b.value, coalesce(a.opened, 0)::int AS opened, coalesce(a.closed, 0)::int AS closed,
       (b.alive0 + sum(coalesce(a.opened, 0) - coalesce(a.closed, 0))
           OVER (PARTITION BY b.value ORDER BY w.week))::int AS alive,
       (b.stale0 + sum(coalesce(a.staled, 0)) OVER (PARTITION BY b.value ORDER BY w.week))::int AS stale
FROM weeks w CROSS JOIN (
    SELECT * FROM base WHERE alive0 > 0 OR active > 0
    ORDER BY opened_now DESC, value COLLATE "C" LIMIT %(top)s
) b
LEFT JOIN s a ON a.value = b.value AND a.week = w.week
ORDER BY b.value, w.week;

-- name: salary
-- Midpoints of stated ranges, grouped by function x seniority x country x the currency and interval as
-- stated (never pooled across them); the percentiles are of the annual-USD figure, which inside one
-- (currency, interval) group is the stated amount times one constant, so they convert back exactly.
-- Each group's midpoints are gathered by hashing (no sort of every row by the five keys: at a million
-- postings that sort was ~400 ms of one process), then each group's few values are sorted on their own.
SELECT job_function, seniority, country, currency, interval, cardinality(v)::int AS n,
       (SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY x) FROM unnest(v) AS x) AS usd
FROM (
    SELECT f.job_function, f.seniority, c.country, coalesce(f.salary_currency, 'unknown') AS currency,
           coalesce(f.salary_interval, 'unknown') AS interval,
           array_agg((coalesce(f.salary_min_usd, f.salary_max_usd) + coalesce(f.salary_max_usd, f.salary_min_usd))
                     / 2.0::float8) AS v
    FROM (/*filtered*/) f
    CROSS JOIN LATERAL unnest(coalesce(nullif(f.countries, '{}'), ARRAY['unknown'])) AS c(country)
    WHERE coalesce(f.salary_min_usd, f.salary_max_usd) IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
) g
ORDER BY n DESC, 1, 2, 3, 4, 5;

-- name: salary_unfiltered
-- The same answer as `salary` when there is no filter, from the narrow `trend_salaries` (migration 0014):
-- one row per salaried posting and country, the midpoint already computed.
SELECT job_function, seniority, country, currency, interval, cardinality(v)::int AS n,
       (SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY x) FROM unnest(v) AS x) AS usd
FROM (
    SELECT job_function, seniority, country, currency, interval, array_agg(mid_usd) AS v
    FROM trend_salaries
    WHERE first_seen_at < %(until)s AND (closed_at IS NULL OR closed_at >= %(since)s)
    GROUP BY 1, 2, 3, 4, 5
) g
ORDER BY n DESC, 1, 2, 3, 4, 5;

-- name: time_open
-- Days from first seen to closed, for postings closed inside the window, per company and per function.
-- Each group's days are gathered by hashing, and percentiles are taken only for the `top` groups per
-- dimension that rest on `min_count` closings (most closings first, ties by value in byte order, as the
-- report ranks them): at a million postings, sorting every closing by company and then by function for
-- percentiles of a thousand groups nobody is shown cost a quarter of the request.
WITH g AS (
    SELECT CASE WHEN GROUPING(f.company) = 0 THEN 'company' ELSE 'job_function' END AS dimension,
           coalesce(f.company, f.job_function) AS value, count(*)::int AS n,
           array_agg(date_part('epoch', f.closed_at - f.first_seen_at) / 86400.0::float8) AS v
    FROM (/*filtered*/) f
    WHERE f.closed_at >= %(since)s AND f.closed_at < %(until)s
    GROUP BY GROUPING SETS ((f.company), (f.job_function))
)
SELECT dimension, value, n,
       (SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY x) FROM unnest(v) AS x) AS days,
       (SELECT count(*) FILTER (WHERE x <= 7) FROM unnest(v) AS x)::int AS within_7d,
       (SELECT count(*) FILTER (WHERE x <= 30) FROM unnest(v) AS x)::int AS within_30d
FROM (
    SELECT *, row_number() OVER (PARTITION BY dimension ORDER BY n DESC, value COLLATE "C") AS r
    FROM g WHERE n >= %(min_count)s
) ranked
WHERE r <= %(top)s
ORDER BY n DESC, 1, 2;

-- name: rising_skills
-- New postings per skill in the current period [%(pivot)s, until) and the one before [since, pivot),
-- with the number of new postings of each period (the denominators of the shares). Each posting adds one
-- NULL "skill" besides its own, so the NULL group counts the postings themselves: one scan and one plain
-- count per group, which parallel workers aggregate on their own (a CTE of the postings read twice, for the
-- totals, kept all of it in one process).
WITH c AS (
    SELECT s.skill, count(*) FILTER (WHERE f.first_seen_at >= %(pivot)s)::int AS now_n,
           count(*) FILTER (WHERE f.first_seen_at < %(pivot)s)::int AS before_n
    FROM (/*filtered*/) f CROSS JOIN LATERAL unnest(f.skills || ARRAY[NULL::text]) AS s(skill)
    WHERE f.first_seen_at >= %(since)s
    GROUP BY s.skill
)
SELECT c.skill, c.now_n, c.before_n, t.now_n AS now_total, t.before_n AS before_total
FROM c JOIN c t ON t.skill IS NULL
WHERE c.skill IS NOT NULL;

-- name: freshness
-- Today's honest state of the filtered postings: open, stale and closed apart, ghost suspects (open
-- longer than the threshold) and reposts (a closed posting's duplicate group back under a new id).
SELECT count(*) FILTER (WHERE f.liveness = 'open')::int AS open,
       count(*) FILTER (WHERE f.liveness = 'stale')::int AS stale,
       count(*) FILTER (WHERE f.liveness = 'closed')::int AS closed,
       count(*) FILTER (WHERE f.liveness = 'open' AND f.first_seen_at < %(ghost_before)s)::int AS ghost,
       count(*) FILTER (WHERE f.reposted_from IS NOT NULL AND f.liveness <> 'closed')::int AS reposted
FROM (/*filtered*/) f;

-- name: mark_stale
-- A posting not closed whose board last answered (its own last sighting or the board's last good fetch)
-- before `cutoff` is stale from the moment it crossed the threshold; one that is fresh again, or closed,
-- is not. Only rows whose state changes are written (each write bumps row_version for the index).
UPDATE jobs j SET stale_at = s.stale_at
FROM (
    SELECT j2.job_uid,
           CASE WHEN j2.closed_at IS NULL AND greatest(j2.last_seen_at, b.last_ok_at) < %(cutoff)s
                THEN greatest(j2.last_seen_at, b.last_ok_at) + make_interval(days => %(days)s) END AS stale_at
    FROM jobs j2 LEFT JOIN board_state b USING (source_type, board_token)
    WHERE (j2.closed_at IS NULL AND j2.last_seen_at < %(cutoff)s) OR j2.stale_at IS NOT NULL
) s
WHERE j.job_uid = s.job_uid AND j.stale_at IS DISTINCT FROM s.stale_at;

-- name: refresh_trend_postings
REFRESH MATERIALIZED VIEW CONCURRENTLY trend_postings;

-- name: refresh_trend_salaries
REFRESH MATERIALIZED VIEW CONCURRENTLY trend_salaries;

-- name: refresh_trend_weekly
REFRESH MATERIALIZED VIEW CONCURRENTLY trend_weekly;
