// Training, watched: Step is one step of gradient descent on the leaves ticked "train",
// p ← p − lr·∂root/∂p, exactly as nn.SGD computes it; Run takes many, one per frame;
// Reset puts every leaf back where the page opened. The losses (the output before the
// first step and after each) are plotted, and kept on the plot as `data-losses`.

function Training(page, controls) {
  this.page = page;
  this.rate = controls.rate;
  this.count = controls.count;
  this.stepButton = controls.step;
  this.runButton = controls.run;
  this.resetButton = controls.reset;
  this.note = controls.note;
  this.plot = controls.plot;
  this.caption = controls.caption;
  this.running = false;
  this.taken = 0;
  var self = this;
  this.stepButton.addEventListener("click", function () { self.stop(); self.step(); });
  this.runButton.addEventListener("click", function () {
    if (self.running) self.stop(); else self.run();
  });
  this.resetButton.addEventListener("click", function () { self.stop(); page.reset(); });
}

Training.prototype.learningRate = function () {
  var text = this.rate.value.trim(), lr = Number(text);
  if (text === "" || !finite(lr) || !(lr > 0)) {
    this.rate.setAttribute("aria-invalid", "true");
    throw new PageError("the learning rate must be a finite number > 0, got " +
      (text === "" ? "nothing" : JSON.stringify(text)));
  }
  this.rate.setAttribute("aria-invalid", "false");
  return lr;
};

// One step; false (and the reason shown) when it cannot be taken, nothing changed.
Training.prototype.step = function () {
  var self = this, page = this.page, tape = page.tape;
  try {
    var lr = this.learningRate();
    var trained = page.trained();
    if (!trained.length) {
      throw new PageError("no leaf is ticked \u201ctrain\u201d: tick the parameters to learn");
    }
    var moved = {};
    trained.forEach(function (slot) {
      var data = tape.values[slot], grad = tape.g[slot], updated = data - lr * grad;
      if (!finite(updated)) {
        throw new PageError("step " + self.taken + ": updating " + tape.repr[slot] + " (data=" + pyRepr(data) + ", grad=" +
          pyRepr(grad) + ") with lr=" + pyRepr(lr) + " gives " + pyRepr(updated) +
          "; lower the learning rate");
      }
      moved[slot] = updated;
    });
    page.move(moved, "step");
    this.taken += 1;
    return true;
  } catch (error) {
    if (!(error instanceof PageError)) throw error;
    page.fail(error.message);
    return false;
  }
};

Training.prototype.run = function () {
  var text = this.count.value.trim(), total = Number(text);
  if (!(total >= 1) || Math.floor(total) !== total) {
    this.page.fail("steps must be a whole number \u2265 1, got " + JSON.stringify(text));
    return;
  }
  var self = this, left = total, perFrame = Math.max(1, Math.ceil(total / 120));
  this.running = true;
  this.runButton.textContent = "Stop";
  function frame() {
    if (!self.running) return;
    for (var i = 0; i < perFrame && left > 0; i++, left--) {
      if (!self.step()) { left = 0; break; }
    }
    if (left > 0) window.requestAnimationFrame(frame); else self.stop();
  }
  window.requestAnimationFrame(frame);
};

Training.prototype.stop = function () {
  this.running = false;
  this.runButton.textContent = "Run";
};

Training.prototype.show = function (losses, name) {
  setText(this.caption, drawLossPlot(this.plot, losses, name));
};
