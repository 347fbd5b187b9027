// Numbers as Python writes them, so that the page and the engine read the same:
// - pyRepr(x): Python's repr of a float (`-1.0`, `1e-07`, `inf`), in error messages;
// - pyGeneral(x, 4): Python's format `.4g`, rounded as Python rounds (a tie to even);
// - shown(x): a number in the picture (`f"{x + 0.0:.4g}"`), said(x): one in explain's
//   lines (`.4g` with a true minus sign, −);
// - gradFill(grad, largest): a box's colour, as `style.grad_fill` makes it.

var LARGEST = 1.7976931348623157e308;

function finite(x) {
  return x >= -LARGEST && x <= LARGEST;
}

function negative(x) {
  return x < 0 || (x === 0 && 1 / x < 0);
}

function twoDigits(e) {
  return (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
}

// The shortest digits that read back as |x|, and where the point goes: |x| = 0.d1d2… × 10^point.
function shortestDigits(x) {
  var parts = Math.abs(x).toExponential().split("e");
  return { digits: parts[0].replace(".", ""), point: parseInt(parts[1], 10) + 1 };
}

function pyRepr(x) {
  if (x !== x) return "nan";
  if (!finite(x)) return x > 0 ? "inf" : "-inf";
  var sign = negative(x) ? "-" : "";
  if (x === 0) return sign + "0.0";
  var found = shortestDigits(x), digits = found.digits, point = found.point, n = digits.length;
  if (point <= -4 || point > 16) {
    var mantissa = digits.charAt(0) + (n > 1 ? "." + digits.slice(1) : "");
    return sign + mantissa + "e" + twoDigits(point - 1);
  }
  if (point <= 0) return sign + "0." + "0".repeat(-point) + digits;
  if (point >= n) return sign + digits + "0".repeat(point - n) + ".0";
  return sign + digits.slice(0, point) + "." + digits.slice(point);
}

// |x| to `precision` significant digits as "d.ddde±x", a tie rounded to even as Python
// does (JavaScript rounds a tie up). A tie is exact: nothing after the next digit, a 5;
// such a number reads back from its first precision + 1 digits, so only a number whose
// shortest form is that long and ends in 5 needs the exact digits.
function rounded(a, precision) {
  var up = a.toExponential(precision - 1);
  var shortest = shortestDigits(a).digits;
  if (shortest.length !== precision + 1 || shortest.charAt(precision) !== "5") return up;
  var exact = a.toExponential(precision + 20).split("e");
  var digits = exact[0].replace(".", "");
  var rest = digits.slice(precision);
  if (!/^50*$/.test(rest)) return up;
  var kept = digits.slice(0, precision);
  if (parseInt(kept.charAt(precision - 1), 10) % 2 === 1) return up;
  return kept.charAt(0) + (precision > 1 ? "." + kept.slice(1) : "") + "e" + exact[1];
}

function withoutTrailingZeros(text) {
  return text.indexOf(".") < 0 ? text : text.replace(/0+$/, "").replace(/\.$/, "");
}

function pyGeneral(x, precision) {
  if (x !== x) return "nan";
  if (!finite(x)) return x > 0 ? "inf" : "-inf";
  var sign = negative(x) ? "-" : "";
  if (x === 0) return sign + "0";
  var parts = rounded(Math.abs(x), precision).split("e");
  var digits = parts[0].replace(".", ""), exponent = parseInt(parts[1], 10);
  if (exponent < -4 || exponent >= precision) {
    var mantissa = withoutTrailingZeros(digits.charAt(0) + "." + digits.slice(1));
    return sign + mantissa + "e" + twoDigits(exponent);
  }
  var point = exponent + 1, fixed;
  if (point <= 0) fixed = "0." + "0".repeat(-point) + digits;
  else if (point >= digits.length) fixed = digits + "0".repeat(point - digits.length);
  else fixed = digits.slice(0, point) + "." + digits.slice(point);
  return sign + withoutTrailingZeros(fixed);
}

function shown(x) {
  return pyGeneral(x + 0, 4);
}

function said(x) {
  return pyGeneral(x, 4).replace(/-/g, "\u2212");
}

function roundHalfEven(v) {
  var floor = Math.floor(v), rest = v - floor;
  if (rest > 0.5) return floor + 1;
  if (rest < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

var POSITIVE = [214, 96, 77]; // red: increasing this node increases the output
var NEGATIVE = [67, 147, 195]; // blue: increasing this node decreases the output

function gradFill(grad, largest) {
  if (grad === 0 || largest === 0) return "#ffffff";
  var strength = Math.min(Math.abs(grad) / largest, 1);
  var base = grad > 0 ? POSITIVE : NEGATIVE;
  return "#" + base.map(function (c) {
    var channel = roundHalfEven(255 + (c - 255) * strength);
    return (channel < 16 ? "0" : "") + channel.toString(16);
  }).join("");
}
