// Package discovery runs the population analyses of the cultivation
// programme over many enterprises at once: candidate discovery (选种: every
// tier for every enterprise of a population, near misses ranked by the
// effort of their cheapest gap plan) and the policy impact analysis
// (规则变化影响分析: the population under two rule sets of one tier, who moves
// and which conditions decide). It is free of HTTP and SQL: the store hands
// it blocks of encoded profiles and keeps what it returns.
package discovery
