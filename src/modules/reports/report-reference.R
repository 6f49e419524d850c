# The report figures recomputed in R (psych and stats) from the report's own CSV exports, for
# reports.r-check.int.test.ts to compare with what the console shows.
#   Rscript --vanilla report-reference.R <folder>
# The folder holds the exports as the console serves them (UTF-8 with a byte order mark): funnel.csv,
# part-times.csv, survey.csv, item-scores.csv, item-best.csv, item-worst.csv, dif-<name>.csv and
# impact-<name>.csv. The answer is one JSON object on standard output. The rules (which rows count, the
# high-scoring group, the reference group) are those src/modules/assessment/statistics/README.md and
# docs/console.md state, written here independently.
suppressPackageStartupMessages(library(psych))

num <- function(x) ifelse(is.finite(x), sprintf("%.17g", x), "null")
vec <- function(x) paste0("[", paste(num(x), collapse = ","), "]")
text <- function(x) paste0("\"", x, "\"")
obj <- function(...) {
  fields <- list(...)
  paste0("{", paste0("\"", names(fields), "\":", unlist(fields), collapse = ","), "}")
}
named <- function(values) paste0("{", paste0("\"", names(values), "\":", values, collapse = ","), "}")
read <- function(folder, file) read.csv(file.path(folder, file), check.names = FALSE, stringsAsFactors = FALSE, fileEncoding = "UTF-8-BOM")

# Steps reached, drop-off from the step before, and the median of each interval's seconds.
funnel_figures <- function(d) {
  reached <- d[, startsWith(names(d), "reached_"), drop = FALSE]
  counts <- colSums(reached)
  before <- c(NA, head(counts, -1))
  seconds <- d[, startsWith(names(d), "seconds_"), drop = FALSE]
  obj(
    applications = num(nrow(d)),
    reached = vec(counts),
    dropOff = vec(ifelse(is.na(before) | before == 0, NA, (before - counts) / before)),
    intervalCounts = vec(colSums(!is.na(seconds))),
    medians = vec(vapply(seconds, function(s) if (all(is.na(s))) NA else median(s, na.rm = TRUE), 0))
  )
}

part_figures <- function(d) {
  parts <- d[, setdiff(names(d), "row"), drop = FALSE]
  obj(counts = vec(colSums(!is.na(parts))), medians = vec(vapply(parts, function(s) if (all(is.na(s))) NA else median(s, na.rm = TRUE), 0)))
}

survey_figures <- function(d) {
  questions <- setdiff(names(d), "row")
  per <- vapply(questions, function(q) {
    v <- d[[q]][!is.na(d[[q]])]
    obj(answered = num(length(v)), counts = vec(tabulate(v, nbins = 5)), mean = num(mean(v)))
  }, "")
  paste0("{\"responses\":", num(nrow(d)), ",\"questions\":", named(per), "}")
}

# Option shares among those who picked, and picks in the high-scoring group: complete rows whose total is
# at least that of the ceiling(.27 n)-th best complete row.
option_figures <- function(choices, high) {
  per <- vapply(names(choices), function(item) {
    v <- choices[[item]]
    answered <- v[!is.na(v) & v != ""]
    options <- sort(unique(answered))
    shares <- vapply(options, function(o) sum(answered == o) / length(answered), 0)
    highs <- vapply(options, function(o) sum(v[high] == o, na.rm = TRUE), 0)
    paste0("{\"share\":", named(num(shares)), ",\"high\":", named(num(highs)), "}")
  }, "")
  named(per)
}

item_figures <- function(scores, best, worst) {
  x <- scores[, setdiff(names(scores), "row"), drop = FALSE]
  complete <- complete.cases(x)
  xc <- x[complete, ]
  a <- psych::alpha(xc, check.keys = FALSE, warnings = FALSE)
  f <- suppressWarnings(psych::fa(xc, nfactors = 1, fm = "minres"))
  l <- as.vector(f$loadings)
  total <- rowSums(xc)
  cut <- sort(total, decreasing = TRUE)[ceiling(0.27 * length(total))]
  high <- which(complete)[total >= cut]
  obj(
    completeCandidates = num(nrow(xc)),
    answered = vec(colSums(!is.na(x))),
    mean = vec(colMeans(x, na.rm = TRUE)),
    sd = vec(apply(x, 2, sd, na.rm = TRUE)),
    alpha = num(a$total$raw_alpha),
    itemRest = vec(a$item.stats$r.drop),
    alphaIfDeleted = vec(a$alpha.drop$raw_alpha),
    omega = num(sum(l)^2 / (sum(l)^2 + sum(f$uniquenesses))),
    totalMean = num(mean(total)),
    totalSd = num(sd(total)),
    sem = num(sd(total) * sqrt(1 - a$total$raw_alpha)),
    highScorers = num(length(high)),
    best = option_figures(best[, names(x), drop = FALSE], high),
    worst = option_figures(worst[, names(x), drop = FALSE], high)
  )
}

# Mantel-Haenszel from the counts per matching-score stratum, as stats::mantelhaen.test computes it;
# SE of D-DIF from its confidence interval (Robins-Breslow-Greenland variance).
dif_figures <- function(d) {
  keys <- unique(d[, c("comparison", "item")])
  per <- vapply(seq_len(nrow(keys)), function(k) {
    s <- d[d$comparison == keys$comparison[k] & d$item == keys$item[k], ]
    tab <- array(0, dim = c(2, 2, nrow(s)))
    tab[1, 1, ] <- s$reference_right
    tab[1, 2, ] <- s$reference_wrong
    tab[2, 1, ] <- s$focal_right
    tab[2, 2, ] <- s$focal_wrong
    m <- mantelhaen.test(tab, correct = TRUE)
    delta <- -2.35 * log(m$estimate)
    se <- 2.35 * (log(m$conf.int[2]) - log(m$conf.int[1])) / (2 * qnorm(0.975))
    above_one <- pchisq((delta / se)^2, df = 1, ncp = (1 / se)^2, lower.tail = FALSE)
    ets <- if (abs(delta) < 1 || m$p.value >= 0.05) "A" else if (abs(delta) >= 1.5 && above_one < 0.05) "C" else "B"
    paste0(
      "\"", keys$comparison[k], "/", keys$item[k], "\":",
      obj(strata = num(nrow(s)), oddsRatio = num(m$estimate), delta = num(delta), deltaSe = num(se), chiSquare = num(m$statistic), p = num(m$p.value), pAboveOne = num(above_one), etsClass = text(ets))
    )
  }, "")
  paste0("{", paste(per, collapse = ","), "}")
}

# Per stage: each group against the highest-rate group among those with 30 or more considered (never the
# "not-disclosed" group): the impact ratio, Fisher's exact test and the Morris-Lobsenz Z.
impact_figures <- function(d) {
  per <- vapply(unique(d$stage), function(stage) {
    g <- d[d$stage == stage, ]
    rate <- g$selected / g$considered
    eligible <- g$group != "not-disclosed" & g$considered >= 30
    ref <- which(eligible)[which.max(rate[eligible])]
    rows <- vapply(seq_len(nrow(g)), function(i) {
      if (length(ref) == 0 || !eligible[i] || i == ref) return(obj(group = text(g$group[i]), rate = num(rate[i])))
      table <- matrix(c(g$selected[i], g$considered[i] - g$selected[i], g$selected[ref], g$considered[ref] - g$selected[ref]), 2, byrow = TRUE)
      ratio <- rate[i] / rate[ref]
      n <- g$considered[i] + g$considered[ref]
      pooled <- (g$selected[i] + g$selected[ref]) / n
      share <- g$considered[i] / n
      z <- log(ratio) / sqrt((1 - pooled) / (pooled * n * share * (1 - share)))
      obj(
        group = text(g$group[i]), rate = num(rate[i]), reference = text(g$group[ref]), impactRatio = num(ratio),
        fisherP = num(fisher.test(table)$p.value), z = num(z), zP = num(if (is.finite(z)) 2 * pnorm(-abs(z)) else NA)
      )
    }, "")
    paste0("\"", stage, "\":[", paste(rows, collapse = ","), "]")
  }, "")
  paste0("{", paste(per, collapse = ","), "}")
}

folder <- commandArgs(trailingOnly = TRUE)[1]
files <- list.files(folder, pattern = "\\.csv$")
parts <- c(
  if ("funnel.csv" %in% files) paste0("\"funnel\":", funnel_figures(read(folder, "funnel.csv"))),
  if ("part-times.csv" %in% files) paste0("\"parts\":", part_figures(read(folder, "part-times.csv"))),
  if ("survey.csv" %in% files) paste0("\"survey\":", survey_figures(read(folder, "survey.csv"))),
  if ("item-scores.csv" %in% files) paste0("\"items\":", item_figures(read(folder, "item-scores.csv"), read(folder, "item-best.csv"), read(folder, "item-worst.csv"))),
  vapply(grep("^dif-", files, value = TRUE), function(f) paste0("\"", sub("\\.csv$", "", f), "\":", dif_figures(read(folder, f))), ""),
  vapply(grep("^impact-", files, value = TRUE), function(f) paste0("\"", sub("\\.csv$", "", f), "\":", impact_figures(read(folder, f))), "")
)
cat(paste0("{", paste(parts, collapse = ","), "}\n"))
