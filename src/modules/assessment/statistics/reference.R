# The assessment statistics computed with R and psych, for statistics.r-check.test.ts to compare with.
#   Rscript --vanilla reference.R <folder>
# The folder holds, per case, any of <case>.items.csv (one column per item, NA where missing),
# <case>.dif.csv (matching, group, then one 0/1 column per item) and <case>.impact.csv (group,
# selected, considered). The answer is one JSON object on standard output, keyed by case.
# The rules that decide which data go in (complete candidates, shared strata, the reference group)
# are the ones README.md documents; they are applied here independently of the TypeScript code.
suppressPackageStartupMessages(library(psych))

num <- function(x) ifelse(is.finite(x), sprintf("%.17g", x), "null")
vec <- function(x) paste0("[", paste(num(x), collapse = ","), "]")
text <- function(x) paste0("\"", x, "\"")
obj <- function(...) {
  fields <- list(...)
  paste0("{", paste0("\"", names(fields), "\":", unlist(fields), collapse = ","), "}")
}

# Cronbach's alpha, item-rest r and alpha if deleted from psych::alpha; omega total from the loadings and
# uniquenesses of psych::fa(fm = "minres") with one factor; all on complete candidates only.
item_figures <- function(file) {
  x <- read.csv(file, check.names = FALSE)
  complete <- x[complete.cases(x), ]
  a <- psych::alpha(complete, check.keys = FALSE, warnings = FALSE)
  f <- suppressWarnings(psych::fa(complete, nfactors = 1, fm = "minres"))
  l <- as.vector(f$loadings)
  total <- rowSums(complete)
  obj(
    completeCandidates = num(nrow(complete)),
    mean = vec(colMeans(x, na.rm = TRUE)),
    sd = vec(apply(x, 2, sd, na.rm = TRUE)),
    alpha = num(a$total$raw_alpha),
    itemRest = vec(a$item.stats$r.drop),
    alphaIfDeleted = vec(a$alpha.drop$raw_alpha),
    loadings = vec(l),
    omega = num(sum(l)^2 / (sum(l)^2 + sum(f$uniquenesses))),
    totalSd = num(sd(total)),
    sem = num(sd(total) * sqrt(1 - a$total$raw_alpha))
  )
}

# Mantel-Haenszel on the strata (matching-score values) where both groups appear. D-DIF from the common
# odds ratio; its standard error from mantelhaen.test's confidence interval, which uses the
# Robins-Breslow-Greenland variance: SE(ln alpha) = (ln upper - ln lower) / (2 qnorm(.975)).
dif_item <- function(d, item) {
  s <- d[!is.na(d[[item]]) & !is.na(d$group), ]
  counts <- c(reference = sum(s$group == "reference"), focal = sum(s$group == "focal"))
  shared <- intersect(s$matching[s$group == "reference"], s$matching[s$group == "focal"])
  s <- s[s$matching %in% shared, ]
  tab <- table(factor(s$group, levels = c("reference", "focal")), factor(s[[item]], levels = c(1, 0)), s$matching)
  m <- mantelhaen.test(tab, correct = TRUE)
  delta <- -2.35 * log(m$estimate)
  se <- 2.35 * (log(m$conf.int[2]) - log(m$conf.int[1])) / (2 * qnorm(0.975))
  # H0: |D| <= 1, tested at |D| = 1: (D/SE)^2 is then noncentral chi-square(1) with ncp (1/SE)^2.
  above_one <- pchisq((delta / se)^2, df = 1, ncp = (1 / se)^2, lower.tail = FALSE)
  ets <- if (abs(delta) < 1 || m$p.value >= 0.05) "A" else if (abs(delta) >= 1.5 && above_one < 0.05) "C" else "B"
  obj(
    referenceCount = num(counts[["reference"]]), focalCount = num(counts[["focal"]]),
    strata = num(length(shared)), candidates = num(nrow(s)),
    oddsRatio = num(m$estimate), delta = num(delta), deltaSe = num(se),
    chiSquare = num(m$statistic), p = num(m$p.value), pAboveOne = num(above_one), etsClass = text(ets)
  )
}

dif_figures <- function(file) {
  d <- read.csv(file, check.names = FALSE, stringsAsFactors = FALSE)
  items <- setdiff(names(d), c("matching", "group"))
  figures <- vapply(items, function(item) dif_item(d, item), "")
  paste0("{", paste0("\"", items, "\":", figures, collapse = ","), "}")
}

# Each group against the highest-rate group among those (other than "not-disclosed") with 30 or more
# considered: Fisher's exact test, and the Z of ln(IR) with the pooled-rate standard error of Morris &
# Lobsenz (2000).
impact_figures <- function(file) {
  g <- read.csv(file, stringsAsFactors = FALSE)
  rate <- g$selected / g$considered
  eligible <- g$group != "not-disclosed" & g$considered >= 30
  ref <- which(eligible)[which.max(rate[eligible])]
  rows <- vapply(seq_len(nrow(g)), function(i) {
    if (!eligible[i] || i == ref) return(obj(group = text(g$group[i]), rate = num(rate[i])))
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
  paste0("[", paste(rows, collapse = ","), "]")
}

folder <- commandArgs(trailingOnly = TRUE)[1]
files <- list.files(folder, pattern = "\\.(items|dif|impact)\\.csv$")
cases <- unique(sub("\\.(items|dif|impact)\\.csv$", "", files))
answers <- vapply(cases, function(case) {
  path <- function(kind) file.path(folder, paste0(case, ".", kind, ".csv"))
  parts <- c(
    if (file.exists(path("items"))) paste0("\"items\":", item_figures(path("items"))),
    if (file.exists(path("dif"))) paste0("\"dif\":", dif_figures(path("dif"))),
    if (file.exists(path("impact"))) paste0("\"impact\":", impact_figures(path("impact")))
  )
  paste0("\"", case, "\":{", paste(parts, collapse = ","), "}")
}, "")
cat(paste0("{", paste(answers, collapse = ","), "}\n"))
