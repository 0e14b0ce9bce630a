// The data-entry grid moves like a spreadsheet: Enter and the arrow keys go to the
// cell below, above or beside; a focused cell's text is selected so typing replaces
// it. Without this script the grid is a plain form (Tab moves, Enter saves a draft).
(function () {
  "use strict";
  var grid = document.querySelector("[data-entry-grid]");
  if (!grid || !grid.tBodies.length) {
    return;
  }
  var SELECTOR = "input:not([type=hidden]):not([disabled]), select:not([disabled])";
  var rows = Array.prototype.slice.call(grid.tBodies[0].rows);

  function cells() {
    return Array.prototype.slice.call(grid.tBodies[0].querySelectorAll(SELECTOR));
  }

  function inColumn(row, column) {
    var cell = row.cells[column];
    return cell ? cell.querySelector(SELECTOR) : null;
  }

  function vertical(input, step) {
    var cell = input.closest("td");
    var index = rows.indexOf(cell.parentElement) + step;
    while (index >= 0 && index < rows.length) {
      var found = inColumn(rows[index], cell.cellIndex);
      if (found) {
        return found;
      }
      index += step;
    }
    return null;
  }

  function horizontal(input, step) {
    var list = cells();
    return list[list.indexOf(input) + step] || null;
  }

  function atEdge(input, step) {
    // Left and right move within a text until its start or end.
    if (input.type !== "text" || input.selectionStart === null) {
      return true;
    }
    if (input.selectionStart !== input.selectionEnd) {
      return true;
    }
    return step < 0 ? input.selectionStart === 0 : input.selectionEnd === input.value.length;
  }

  grid.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(SELECTOR) || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var next = null;
    if (event.key === "Enter" || event.key === "ArrowDown") {
      next = vertical(input, event.shiftKey && event.key === "Enter" ? -1 : 1);
    } else if (event.key === "ArrowUp") {
      next = vertical(input, -1);
    } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      var step = event.key === "ArrowLeft" ? -1 : 1;
      if (!atEdge(input, step)) {
        return;
      }
      next = horizontal(input, step);
    } else {
      return;
    }
    // Enter never sends the form from the grid; the buttons below do.
    event.preventDefault();
    if (next) {
      next.focus();
    }
  });

  grid.addEventListener("focusin", function (event) {
    var input = event.target;
    if (input.type === "text" && input.select) {
      input.select();
    }
  });
})();
